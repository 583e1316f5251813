package wabot.crash;

import wabot.testing.FakeGraph;

/** Feeds what reaches the fake Graph API to the people waiting for it, and tells the recovery clock. */
final class GraphWatch implements Runnable {
    private final FakeGraph graph;
    private final People people;
    private final Recovery recovery;
    /** How many sends to the fake Graph API were handed to the people. */
    private int watched;

    GraphWatch(FakeGraph graph, People people, Recovery recovery) {
        this.graph = graph;
        this.people = people;
        this.recovery = recovery;
    }

    @Override
    public synchronized void run() {
        var requests = graph.requests();
        for (int i = watched; i < requests.size(); i++) {
            var request = requests.get(i);
            var person = people.byPhone.get(request.recipientKey());
            long outboxId = outboxId(request);
            if (request.delivered() && person != null && outboxId > 0) {
                person.reached(outboxId, request.text());
            }
        }
        watched = requests.size();
        recovery.check(System.nanoTime());
    }

    /** {@code biz_opaque_callback_data} is {@code outbox-<id>}; 0 when it is missing or malformed. */
    static long outboxId(FakeGraph.Request request) {
        var reference = request.body().path("biz_opaque_callback_data").asText("");
        try {
            return reference.startsWith("outbox-") ? Long.parseLong(reference.substring(7)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
