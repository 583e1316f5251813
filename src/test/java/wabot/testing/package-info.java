/**
 * Integration-test kit for wabot: the real server in-process, with real HTTP fakes of everything it talks to.
 *
 * <ul>
 *   <li>{@link wabot.testing.Harness}: starts {@code Wabot.start(Config, Flow)} on a random port against a SQLite
 *       file in a JUnit {@code @TempDir}, wired to the two fakes; posts webhooks, reads the debug endpoints
 *       ({@link wabot.testing.SessionView}), restarts on the same database.</li>
 *   <li>{@link wabot.testing.FakeGraph}: Meta's {@code POST /{version}/{phoneNumberId}/messages}; records what was
 *       sent and when it arrived, can be scripted to fail with the Graph error bodies (the next calls, or
 *       every call for one recipient until lifted; with {@code Retry-After}), to answer slowly, or to go off the
 *       network and come back on the same port.</li>
 *   <li>{@link wabot.testing.FakeExternalApi}: the business API; records each POST and its Idempotency-Key and
 *       answers from a queue, a function, or the default "Listo" reply; responses can be delayed or held; it too
 *       can go off the network and come back.</li>
 *   <li>{@link wabot.testing.Webhooks}: webhook bodies built from the payload corpus, messages and
 *       statuses.</li>
 *   <li>{@link wabot.testing.Await}: bounded polling, the only way these tests wait.</li>
 *   <li>{@link wabot.testing.Fixtures}: the Meta-shaped fixtures in {@code src/test/resources/whatsapp}.</li>
 *   <li>{@link wabot.testing.LogCapture}, {@link wabot.testing.Flows}: log assertions and test flows.</li>
 * </ul>
 *
 * <p>Tests wait for outcomes (a text reaching the fake Graph API, a stored state) with bounded polling and never
 * sleep a fixed time. To show that something did <em>not</em> happen, send a later message from the same person
 * and wait for its reply: one person's messages are processed strictly in order.
 */
package wabot.testing;
