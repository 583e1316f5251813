#!/usr/bin/env bash
# The one command for wabot's load benchmark; see bench/README.md.
#   bench/run.sh [suite|closed|open|prefill|jfr-top FILE] [options]
# Builds target/wabot.jar (root, tests skipped) when it is missing or older than wabot's sources, builds the bench
# jar likewise, and runs it from bench/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
wabot_jar="$root/target/wabot.jar"
if [[ ! -f "$wabot_jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$wabot_jar" -print -quit)" ]]; then
  echo "bench: building target/wabot.jar" >&2
  (cd "$root" && mvn -q -B package -DskipTests)
fi
jar="$here/target/wabot-bench.jar"
if [[ ! -f "$jar" || -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "bench: building bench/target/wabot-bench.jar" >&2
  (cd "$here" && mvn -q -B package)
fi
cd "$here"
# BENCH_NICE=-10 runs the tool, and so wabot (its child), at a higher CPU priority: on a machine that other
# work shares, it keeps neighbours from skewing the figures (root only; the results record the machine's load).
nice_cmd=()
if [[ -n "${BENCH_NICE:-}" ]]; then nice_cmd=(nice -n "$BENCH_NICE"); fi
if [[ "${1:-}" == "jmh" ]]; then
  # JMH microbenchmarks (wabotbench.jmh.*) against wabot's own jar: bench/run.sh jmh [JMH options, e.g. -f 1 -wi 3 -i 5]
  shift
  exec "${nice_cmd[@]}" java -cp "$jar:$root/target/wabot.jar" org.openjdk.jmh.Main "${@:-wabotbench.jmh}"
fi
# The tool itself: a small heap is plenty; it shares the 2 cores with wabot, so keep its JIT/GC threads few.
exec "${nice_cmd[@]}" java -Xms256m -Xmx1g -XX:+UseParallelGC -XX:ParallelGCThreads=1 -XX:CICompilerCount=2 ${BENCH_JAVA_OPTS:-} \
  -jar "$jar" "$@"
