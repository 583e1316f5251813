package wabot.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import wabot.testing.FakeExternalApi;
import wabot.testing.FakeGraph;

/**
 * The final check of a crash run, once every instance is stopped: the stored rows (SQLite or PostgreSQL, through
 * JDBC) against what the people said and were owed, and against what reached the fakes. Every accepted message
 * processed exactly once, every answer stored once, each person's replies exactly the expected sequence, every
 * reply at the fake Graph API at least once and again only after a kill of the life that had sent it, one
 * submission per conversation under one Idempotency-Key with one outcome. Duplicate sends are counted by
 * {@code biz_opaque_callback_data} ({@code outbox-<id>}): the same id twice is one duplicate.
 */
final class Verdict {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the final check found. */
    record Findings(List<String> problems, int messagesLost, int repliesLost, int doubled, int replies,
                    int duplicates, int conversations, int reposted, Map<Integer, Integer> duplicatesByKill,
                    Map<Integer, Long> inFlightFor, Map<Integer, Integer> repostsByKill) {}

    private final People people;
    private final FakeGraph graph;
    private final FakeExternalApi api;
    private final Lives lives;
    private final List<Killer.Kill> kills;

    Verdict(People people, FakeGraph graph, FakeExternalApi api, Lives lives, List<Killer.Kill> kills) {
        this.people = people;
        this.graph = graph;
        this.api = api;
        this.lives = lives;
        this.kills = kills;
    }

    Findings check(String databaseUrl) throws SQLException, IOException {
        var problems = new ArrayList<String>();
        Map<String, String> inbox = new HashMap<>();
        var answerRows = new ArrayList<String[]>();
        var outbox = new TreeMap<Long, String[]>();
        var submissions = new HashMap<String, String[]>();
        var sessions = new HashMap<String, String>();
        try (var db = DriverManager.getConnection(databaseUrl)) {
            try (var rs = db.createStatement().executeQuery("SELECT message_id, status FROM inbox")) {
                while (rs.next()) {
                    inbox.put(rs.getString(1), rs.getString(2));
                }
            }
            try (var rs = db.createStatement().executeQuery(
                    "SELECT user_key, conversation_id, question_id, value FROM answers ORDER BY id")) {
                while (rs.next()) {
                    answerRows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (var rs = db.createStatement().executeQuery("SELECT id, user_key, body, status FROM outbox")) {
                while (rs.next()) {
                    outbox.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            try (var rs = db.createStatement().executeQuery(
                    "SELECT id, user_key, conversation_id, status, payload FROM submissions")) {
                while (rs.next()) {
                    submissions.put(rs.getString(1),
                            new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            try (var rs = db.createStatement().executeQuery("SELECT user_key, state FROM sessions")) {
                while (rs.next()) {
                    sessions.put(rs.getString(1), rs.getString(2));
                }
            }
        }

        // 1. Every accepted message processed exactly once: stored once (the id is unique), marked done, and its
        //    answer stored once.
        int messagesLost = 0;
        for (var wamid : people.accepted) {
            if (!"done".equals(inbox.get(wamid))) {
                messagesLost++;
                problems.add("accepted message " + wamid + " was " + (inbox.containsKey(wamid)
                        ? "never processed (status " + inbox.get(wamid) + ")" : "never stored"));
            }
        }
        var strangers = new HashSet<>(inbox.keySet());
        strangers.removeAll(people.accepted);
        if (!strangers.isEmpty()) {
            problems.add("the inbox holds messages nobody sent: " + strangers);
        }
        var stored = new HashMap<String, List<String[]>>();
        for (var row : answerRows) {
            stored.computeIfAbsent(row[0] + "|" + row[2] + "|" + row[3], k -> new ArrayList<>()).add(row);
        }
        int doubled = 0;
        int conversations = 0;
        var expectedAnswers = new HashSet<String>();
        for (var person : people.all) {
            for (var conversation : person.conversations.entrySet()) {
                conversations++;
                var conversationIds = new HashSet<String>();
                for (var answer : conversation.getValue().entrySet()) {
                    var key = person.phone + "|" + answer.getKey() + "|" + answer.getValue();
                    expectedAnswers.add(key);
                    var rows = stored.getOrDefault(key, List.of());
                    if (rows.isEmpty()) {
                        messagesLost++;
                        problems.add(person.phone + "'s answer '" + answer.getValue() + "' to " + answer.getKey()
                                + " was never stored");
                    } else if (rows.size() > 1) {
                        doubled += rows.size() - 1;
                        problems.add(person.phone + "'s answer '" + answer.getValue() + "' was stored "
                                + rows.size() + " times");
                    }
                    rows.forEach(row -> conversationIds.add(row[1]));
                }
                if (conversationIds.size() > 1) {
                    problems.add(conversation.getKey() + "'s answers were stored under several conversations: "
                            + conversationIds);
                }
            }
        }
        for (var key : stored.keySet()) {
            if (!expectedAnswers.contains(key)) {
                doubled += stored.get(key).size();
                problems.add("an answer nobody gave was stored: " + key);
            }
        }

        // 2. Each person's replies: exactly the expected sequence, in the database and at the fake Graph API, no
        //    question skipped or repeated, and one outcome per conversation.
        int repliesLost = 0;
        var bodiesByUser = new HashMap<String, List<String>>();
        outbox.forEach((id, row) -> bodiesByUser.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        for (var person : people.all) {
            var expected = person.expected;
            var inDb = bodiesByUser.getOrDefault(person.phone, List.of());
            var missing = minus(expected, inDb);
            var extra = minus(inDb, expected);
            repliesLost += missing.size();
            doubled += extra.size();
            if (!inDb.equals(expected)) {
                problems.add(person.phone + "'s stored replies differ from the conversation: missing " + missing
                        + ", extra " + extra + (missing.isEmpty() && extra.isEmpty() ? ", out of order" : ""));
            }
            if (!person.received.equals(expected)) {
                problems.add(person.phone + " received " + person.received.size() + " distinct replies, not the "
                        + expected.size() + " of the conversation (a question skipped, repeated or out of order):"
                        + "\n  expected " + expected + "\n  received " + person.received);
            }
        }
        for (var row : outbox.entrySet()) {
            if (!"sent".equals(row.getValue()[2])) {
                problems.add("outbox row " + row.getKey() + " ended " + row.getValue()[2] + ", not sent");
            }
        }

        // 3. Every reply reached the fake Graph API at least once, with its own text, and again only after a kill
        //    ended the life that had sent it.
        var sends = new TreeMap<Long, List<FakeGraph.Request>>();
        var requests = graph.requests();
        for (int i = 0; i < requests.size(); i++) {
            var request = requests.get(i);
            long id = GraphWatch.outboxId(request);
            var row = outbox.get(id);
            if (!request.delivered()) {
                problems.add("the fake Graph API refused a send: " + request);
            } else if (row == null) {
                problems.add("a send names no stored reply (biz_opaque_callback_data "
                        + request.body().path("biz_opaque_callback_data") + "): " + request.text());
            } else if (!row[1].equals(request.text()) || !row[0].equals(request.recipientKey())) {
                problems.add("send " + i + " of outbox-" + id + " carried another text or recipient than the row");
            } else {
                sends.computeIfAbsent(id, k -> new ArrayList<>()).add(request);
            }
        }
        int duplicates = 0;
        var duplicatesByKill = new TreeMap<Integer, Integer>();
        var inFlightAtKill = new HashSet<String>();
        var inFlightFor = new TreeMap<Integer, Long>();
        for (var id : outbox.keySet()) {
            var sent = sends.getOrDefault(id, List.of());
            var senders = sent.stream().map(this::lifeOf).toList();
            if (senders.isEmpty()) {
                repliesLost++;
                problems.add("reply outbox-" + id + " to " + outbox.get(id)[0] + " never reached the Graph API: "
                        + outbox.get(id)[1]);
                continue;
            }
            duplicates += senders.size() - 1;
            for (int j = 1; j < senders.size(); j++) {
                var before = senders.get(j - 1);
                if (before.launch() == senders.get(j).launch()) {
                    doubled++;
                    problems.add("reply outbox-" + id + " was sent twice by one process, not only across a kill ("
                            + senders + ")");
                    continue;
                }
                if (before.killedBy() == 0) {
                    doubled++;
                    problems.add("reply outbox-" + id + " was sent again by " + senders.get(j) + " though " + before
                            + ", which had sent it, was never killed (" + senders + ")");
                    continue;
                }
                // Sent again by another life: the life of the previous send was killed with it in flight (its answer
                // on the way back, the row not yet marked sent). One person's replies go out one at a time, so a
                // kill leaves at most one of theirs in flight.
                int kill = before.killedBy();
                duplicatesByKill.merge(kill, 1, Integer::sum);
                if (!inFlightAtKill.add(outbox.get(id)[0] + "|" + kill)) {
                    problems.add(outbox.get(id)[0] + " had more than one send in flight at kill " + kill);
                }
                // How long before the kill that send had reached Graph; a send the dying process had written just
                // before the kill may be recorded just after it, hence at least 0.
                long age = Duration.between(sent.get(j - 1).receivedAt(), kills.get(kill - 1).at()).toMillis();
                inFlightFor.merge(kill, Math.max(0, age), Math::max);
            }
        }

        // 4. The business API: one submission per conversation, closed, posted with its id as Idempotency-Key, the
        //    same body each time, and answered into the conversation once (checked with the replies above).
        var keysByTag = new HashMap<String, Set<String>>();
        var bodiesByKey = new HashMap<String, Set<String>>();
        var callLives = new HashMap<String, List<Lives.Life>>();
        for (var call : api.calls()) {
            var key = call.idempotencyKey();
            if (key == null || key.isBlank()) {
                problems.add("business API call " + call.seq() + " had no Idempotency-Key");
                continue;
            }
            keysByTag.computeIfAbsent(call.answers().getOrDefault("name", "?"), k -> new HashSet<>()).add(key);
            bodiesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(call.rawBody());
            callLives.computeIfAbsent(key, k -> new ArrayList<>()).add(lives.of("launch", call.query()));
        }
        int reposted = 0;
        var repostsByKill = new TreeMap<Integer, Integer>();
        for (var entry : callLives.entrySet()) {
            var posts = entry.getValue();
            reposted += posts.size() - 1;
            for (int j = 1; j < posts.size(); j++) {
                // Posted again by another life: the kill that ended the previous post's life caught it in flight.
                // A repost by the same life, or after a life that was not killed, is a retry after a timeout, not
                // a crash: counted under kill 0.
                var before = posts.get(j - 1);
                repostsByKill.merge(before.launch() == posts.get(j).launch() ? 0 : before.killedBy(), 1, Integer::sum);
            }
            if (bodiesByKey.get(entry.getKey()).size() > 1) {
                problems.add("submission " + entry.getKey() + " was posted with different bodies: "
                        + bodiesByKey.get(entry.getKey()));
            }
            if (!submissions.containsKey(entry.getKey())) {
                problems.add("Idempotency-Key " + entry.getKey() + " is no stored submission's id");
            }
        }
        for (var person : people.all) {
            for (var conversation : person.conversations.entrySet()) {
                var keys = keysByTag.getOrDefault(conversation.getKey(), Set.of());
                if (keys.size() != 1) {
                    problems.add(conversation.getKey() + " was posted to the business API under " + keys.size()
                            + " Idempotency-Keys " + keys + ", not one");
                    continue;
                }
                var submission = submissions.get(keys.iterator().next());
                if (submission != null) {
                    var payload = JSON.readTree(submission[3]);
                    if (!"done".equals(submission[2]) || !person.phone.equals(submission[0])
                            || !("+" + person.phone).equals(payload.path("user_phone").asText())
                            || !conversation.getValue().equals(JSON.convertValue(payload.path("answers"), Map.class))) {
                        problems.add("submission of " + conversation.getKey() + " is wrong: " + List.of(submission));
                    }
                }
            }
        }
        if (submissions.size() != conversations) {
            problems.add(submissions.size() + " submissions stored for " + conversations + " conversations");
        }
        for (var person : people.all) {
            if (!"CONVERSATION_ENDED".equals(sessions.get(person.phone))) {
                problems.add(person.phone + "'s session ended " + sessions.get(person.phone));
            }
        }
        return new Findings(problems, messagesLost, repliesLost, doubled, outbox.size(), duplicates, conversations,
                reposted, duplicatesByKill, inFlightFor, repostsByKill);
    }

    /** Which life of which instance made a send: its Graph API version ends in its launch number. */
    private Lives.Life lifeOf(FakeGraph.Request request) {
        return lives.of("Graph API version", request.version().substring(Crash.GRAPH_API_VERSION.length()));
    }

    /** {@code a} without one occurrence of each element of {@code b}: a multiset difference. */
    private static List<String> minus(List<String> a, List<String> b) {
        var counts = b.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        var rest = new ArrayList<String>();
        for (var item : a) {
            var count = counts.getOrDefault(item, 0L);
            if (count > 0) {
                counts.put(item, count - 1);
            } else {
                rest.add(item);
            }
        }
        return rest;
    }
}
