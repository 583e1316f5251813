package wabotbench;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Messages at a fixed rate whatever wabot does: the i-th POST is due at start + i / postRate, and every latency is
 * measured from that scheduled time, so a stall that delays later sends shows up in their latency instead of
 * hiding it (no coordinated omission). Messages go round-robin over many users; each POST carries {@code batch}
 * messages of different users, each in its own change. Every accepted message owes one reply (the next reply to
 * its user, in order), and every submission the fake API saw owes one final message; after the last send, the run
 * waits, within a bound, for all of them.
 */
final class OpenLoop implements Fakes.Listener {
    private final Loader loader;
    private final Webhooks webhooks;
    private final Fakes fakes;
    private final double rate;
    private final int batch;
    private final int userCount;
    private final PerUser[] users;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    final Hist ack = new Hist();
    final Hist turn = new Hist();
    final Hist lag = new Hist();
    final AtomicLong posts = new AtomicLong();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong acceptedInWindow = new AtomicLong();
    final AtomicLong postsInWindow = new AtomicLong();
    final AtomicLong ackErrors = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong finals = new AtomicLong();
    final AtomicLong repliesInWindow = new AtomicLong();
    final AtomicLong stray = new AtomicLong();

    private static final class Pending {
        final long scheduled;
        volatile boolean refused;

        Pending(long scheduled) {
            this.scheduled = scheduled;
        }
    }

    private static final class PerUser {
        final ArrayDeque<Pending> owed = new ArrayDeque<>();
        int sent;
    }

    OpenLoop(Loader loader, Webhooks webhooks, Fakes fakes, double rate, int batch, int userCount) {
        this.loader = loader;
        this.webhooks = webhooks;
        this.fakes = fakes;
        this.rate = rate;
        this.batch = batch;
        this.userCount = userCount;
        this.users = new PerUser[userCount];
        for (int i = 0; i < userCount; i++) {
            users[i] = new PerUser();
        }
    }

    void window(long start, long end) {
        windowStart = start;
        windowEnd = end;
    }

    private volatile boolean stop;

    void stop() {
        stop = true;
    }

    /** Sends on schedule from the calling thread until {@link #stop}. */
    void run(long start) {
        long period = (long) (1e9 * batch / rate);
        var ids = new long[batch];
        var texts = new String[batch];
        long next = 0;
        for (long i = 0; ; i++) {
            long scheduled = start + i * period;
            if (stop) {
                return;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait - 10_000);
            }
            var pendings = new Pending[batch];
            for (int k = 0; k < batch; k++) {
                int user = (int) (next++ % userCount);
                var pu = users[user];
                synchronized (pu) {
                    ids[k] = user;
                    texts[k] = Webhooks.SCRIPT[pu.sent++ % Webhooks.SCRIPT.length];
                    pendings[k] = new Pending(scheduled);
                    pu.owed.addLast(pendings[k]);
                }
            }
            var signed = webhooks.build(ids, texts, batch);
            long sendAt = System.nanoTime();
            boolean inWindow = scheduled >= windowStart && scheduled < windowEnd;
            if (inWindow) {
                lag.recordNanos(sendAt - scheduled);
            }
            posts.incrementAndGet();
            messages.addAndGet(batch);
            loader.post(signed, (ok, end) -> {
                if (!ok) {
                    ackErrors.incrementAndGet();
                    for (var p : pendings) {
                        p.refused = true;
                    }
                }
                if (inWindow) {
                    ack.recordNanos(end - scheduled);
                }
                if (end >= windowStart && end <= windowEnd) {
                    postsInWindow.incrementAndGet();
                    if (ok) {
                        acceptedInWindow.addAndGet(batch);
                    }
                }
            });
        }
    }

    @Override
    public void onReply(long number, boolean isFinal, long now) {
        replies.incrementAndGet();
        if (now >= windowStart && now <= windowEnd) {
            repliesInWindow.incrementAndGet();
        }
        if (isFinal) {
            finals.incrementAndGet();
            return;
        }
        long index = number - Webhooks.USER_BASE;
        if (index < 0 || index >= userCount) {
            stray.incrementAndGet();
            return;
        }
        var pu = users[(int) index];
        Pending p;
        synchronized (pu) {
            do {
                p = pu.owed.pollFirst();
            } while (p != null && p.refused);
        }
        if (p == null) {
            stray.incrementAndGet();
            return;
        }
        if (p.scheduled >= windowStart && p.scheduled < windowEnd) {
            turn.recordNanos(now - p.scheduled);
        }
    }

    /** Replies still owed: accepted messages without their reply, plus submissions without their final message. */
    long owed() {
        return owedReplies() + owedFinals();
    }

    /** Accepted messages without their reply. */
    long owedReplies() {
        long n = 0;
        for (var pu : users) {
            synchronized (pu) {
                for (var p : pu.owed) {
                    n += p.refused ? 0 : 1;
                }
            }
        }
        return n;
    }

    /** Submissions (distinct Idempotency-Keys at the fake API) without their final message. */
    long owedFinals() {
        return Math.max(0, fakes.submissions() - finals.get());
    }

    /** Waits for every owed reply, at most {@code limitNanos}; returns how long it took. */
    long drain(long limitNanos) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limitNanos;
        while (System.nanoTime() < deadline && owed() > 0) {
            Thread.sleep(50);
        }
        return System.nanoTime() - start;
    }
}
