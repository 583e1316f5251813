#!/usr/bin/env bash
# The console on the benchmark's 1M-session store: page timings (first, deep, filtered pages; the overview) and a
# 1M-row export with a 64 MB heap. Needs the sqlite3 command (apt-get install sqlite3) for the cursors and the
# submissions it adds. See bench/README.md.
#   bench/console.sh [--keep]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
store="$("$here/run.sh" prefill | sed -n 's/^prefilled store: //p')"
work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; [[ "${1:-}" == "--keep" ]] || rm -rf "$work"; }
trap 'cleanup "${1:-}"' EXIT
cp "$here/$store" "$work/wabot.db"
db="$work/wabot.db"
echo "console: 1,000,000 submissions added for the export (over 17 hours two days ago, 5 % failed)"
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
  INSERT INTO submissions (id, user_key, conversation_id, payload, status, attempts, next_attempt_at, response,
    created_at, completed_at)
  SELECT printf('sub-%07d', i), CAST(5511900000000 + i AS TEXT), printf('conv-%07d', i),
    '{\"user_phone\":\"+' || (5511900000000 + i) || '\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"answers\":{\"name\":\"Ana Souza '
      || i || '\",\"email\":\"ana' || i || '@example.com\",\"issue\":\"Mi pedido no llegó y necesito ayuda con la devolución, por favor.\",\"comment\":\"Nada más, gracias\"}}',
    CASE WHEN i % 20 = 0 THEN 'failed' ELSE 'done' END, 1, 0, '{\"continue_conversation\":false}',
    CAST(strftime('%s', 'now', '-2 days') AS INTEGER) * 1000 + i * 60, CAST(strftime('%s', 'now', '-2 days') AS INTEGER) * 1000 + i * 60 + 500
  FROM n;"
cursor() { sqlite3 "$db" "SELECT started_at || '.' || id FROM conversations $1 ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET $2"; }
mid="$(cursor "" 500000)"
deep="$(cursor "" 999000)"
from="$(date -u -d '-60 days' +%F)"
to="$(date -u +%F)"
ranged="$(cursor "WHERE started_at >= $(date -u -d "$from" +%s)000" 500000)"
person="$(sqlite3 "$db" "SELECT user_key FROM conversations LIMIT 1 OFFSET 123456")"
port=18090

start() {
  (cd "$work" && exec env -i PATH="$PATH" DATABASE_URL="jdbc:sqlite:$db" PORT=$port LOG_LEVEL=WARN TIME_ZONE=UTC \
      java "$@" -jar "$root/target/wabot.jar" >> "$work/wabot.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "localhost:$port/health/live" && return; sleep 0.2; done
  echo "wabot did not start; see $work/wabot.log" >&2
  exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

time_page() {
  for _ in $(seq 1 21); do curl -s -o "$work/page.html" -w '%{time_total}\n' "localhost:$port$1"; done | sort -n \
    | awk -v what="$2" '{a[NR]=$1} END {printf "  %-52s p50 %6.1f ms   p90 %6.1f ms\n", what, a[11]*1000, a[19]*1000}'
}

start -Xmx256m
for _ in $(seq 1 30); do curl -s -o /dev/null "localhost:$port/console/conversations?after=$mid"; curl -s -o /dev/null "localhost:$port/console"; done
echo "console: pages over 1,000,000 conversations (21 requests each, after a warm-up)"
time_page "/console/conversations" "first page"
time_page "/console/conversations?after=$mid" "page at row 500,000"
time_page "/console/conversations?after=$deep" "page at row 999,000"
time_page "/console/conversations?before=$deep" "newer page, at row 999,000"
time_page "/console/conversations?status=finished&after=$mid" "status=finished, page at row 500,000"
time_page "/console/conversations?from=$from&to=$to&after=$ranged" "last 60 days, page at row 500,000 of the range"
time_page "/console/conversations?q=%2B$person" "one person, by phone"
time_page "/console" "overview, today"
time_page "/console?period=30d" "overview, 30 days"
stop

start -Xmx64m "-Xlog:gc:file=$work/gc.log"
echo "console: export of 1,000,000 submissions, wabot's heap capped at 64 MB"
for format in csv jsonl; do
  curl -s -o "$work/export.$format" -w "  $format: %{size_download} bytes in %{time_total} s, first byte after %{time_starttransfer} s\n" \
    "localhost:$port/console/export.$format?from=$(date -u -d '-3 days' +%F)&to=$to"
  echo "    $(wc -l < "$work/export.$format") lines; wabot's RSS $(ps -o rss= -p "$pid") kB"
done
grep Pause "$work/gc.log" | sed -E 's/.* ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/\2/' | sort -n | tail -1 \
  | xargs -I{} echo "  heap still in use after each GC: at most {} MB"
stop
