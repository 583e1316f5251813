package wabot.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wabot.store.Database;
import wabot.store.InstanceStore;
import wabot.store.InstanceStore.Instance;
import wabot.store.OutboxStore;
import wabot.store.SubmissionStore;

/**
 * Keeps a killed instance from keeping people waiting (PostgreSQL, one instance or several). Every instance says
 * it is alive once a second; every claim on a reply or a submission names the instance that holds it. When an
 * instance has been silent for {@link #SILENCE}, the first instance to notice (a live peer, or the dead one's
 * replacement) frees its claims and wakes the sender and the worker, so what the dead one was sending or posting
 * goes out within a few seconds, not when its lease would have ended (a minute for a reply). An instance that
 * stops in order frees its own claims on the way out.
 */
public final class Liveness implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Liveness.class);
    /** How often an instance says it is alive. */
    public static final Duration BEAT = Duration.ofSeconds(1);
    /** Silence after which an instance counts as dead: three missed beats, so a GC pause or a slow commit is not. */
    public static final Duration SILENCE = Duration.ofSeconds(4);

    private final Periodic timer = new Periodic("wabot-liveness");
    private final Database db;
    private final InstanceStore instances;
    private final OutboxStore outbox;
    private final SubmissionStore submissions;
    private final Instance self;
    private final Clock clock;
    private volatile Runnable onRelease = () -> {};
    private volatile boolean registered;

    /** What one beat found: an instance taken for dead, and the claims of it that this beat freed. */
    public record Released(Instance instance, int replies, int submissions, Duration silentFor) {}

    public Liveness(Database db, InstanceStore instances, OutboxStore outbox, SubmissionStore submissions,
                    Instance self, Clock clock) {
        this.db = db;
        this.instances = instances;
        this.outbox = outbox;
        this.submissions = submissions;
        this.self = self;
        this.clock = clock;
    }

    /** This process as an instance: a fresh id (a restarted process is a new instance), its host and pid. */
    public static Instance describeThisProcess(Instant now) {
        var host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return new Instance(UUID.randomUUID().toString(), host, ProcessHandle.current().pid(), now, now);
    }

    public Instance self() {
        return self;
    }

    /** Registers this instance, frees the claims of instances already dead, and beats every {@link #BEAT}. */
    public void start(Runnable onRelease) {
        this.onRelease = onRelease;
        beatOnce();
        timer.every(BEAT, BEAT, this::beatOnce);
    }

    /** One heartbeat, and the sweep of silent instances; returns what it freed. */
    public List<Released> beatOnce() {
        try {
            var beat = db.write(h -> {
                var now = instances.now(h);
                boolean known = instances.beat(h, self.id(), now);
                if (!known) {
                    instances.register(h, new Instance(self.id(), self.host(), self.pid(), self.startedAt(), now));
                }
                var freed = new ArrayList<Released>();
                var at = clock.instant();
                for (var dead : instances.silentSince(h, now.minus(SILENCE))) {
                    if (instances.forget(h, dead.id())) {
                        freed.add(new Released(dead, outbox.releaseClaims(h, dead.id(), at),
                                submissions.releaseClaims(h, dead.id(), at), Duration.between(dead.heartbeatAt(), now)));
                    }
                }
                return new Beat(known, freed);
            });
            if (!beat.known() && registered) {
                log.warn("[INSTANCE] this instance ({}) was taken for dead after {} s without a heartbeat; replies "
                        + "and submissions it was working on may go out twice", self, SILENCE.toSeconds());
            }
            registered = true;
            for (var r : beat.freed()) {
                log.warn("[INSTANCE] instance {} silent for {} ms, taken for dead: {} replies and {} submissions it "
                        + "held are free again", r.instance(), r.silentFor().toMillis(), r.replies(), r.submissions());
            }
            if (beat.freed().stream().anyMatch(r -> r.replies() + r.submissions() > 0)) {
                onRelease.run();
            }
            return beat.freed();
        } catch (RuntimeException e) {
            log.error("[INSTANCE] heartbeat failed: {}", e.toString());
            return List.of();
        }
    }

    private record Beat(boolean known, List<Released> freed) {}

    /** Stops beating, frees what this instance still holds and removes its record: an orderly stop waits for no one. */
    @Override
    public void close() {
        timer.close();
        try {
            db.write(h -> {
                var at = clock.instant();
                int replies = outbox.releaseClaims(h, self.id(), at);
                int posts = submissions.releaseClaims(h, self.id(), at);
                instances.forget(h, self.id());
                if (replies + posts > 0) {
                    log.info("[INSTANCE] stopping: {} replies and {} submissions in progress are free for the other "
                            + "instances or the next start", replies, posts);
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("[INSTANCE] could not free this instance's claims on the way out ({}); other instances free "
                    + "them after {} s of silence", e.toString(), SILENCE.toSeconds());
        }
    }
}
