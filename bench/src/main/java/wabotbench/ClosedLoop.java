package wabotbench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * N users, each running whole conversations: send a message, wait until wabot's reply to that user reaches the
 * fake Graph API, send the next. After the last answer a user waits for the "processing" reply and then the final
 * message (from the fake business API), and starts over. A user whose reply does not come within the timeout
 * counts a lost turn and is replaced by a new user, so the load goes on.
 */
final class ClosedLoop implements Fakes.Listener {
    private static final int STEPS = Webhooks.SCRIPT.length; // greeting + one answer per question

    private final Loader loader;
    private final Webhooks webhooks;
    private final long timeoutNanos;
    private final User[] users;
    private volatile User[] active;
    private final AtomicLong nextUser;
    private volatile boolean stopping;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    final Hist turn = new Hist();
    final Hist ack = new Hist();
    final Hist apiRound = new Hist();
    final AtomicLong turns = new AtomicLong();
    final AtomicLong conversations = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong lostTurns = new AtomicLong();
    /** Of {@link #lostTurns}, those whose message was sent during the measured window (the rest: warm-up, drain). */
    final AtomicLong lostTurnsInWindow = new AtomicLong();
    final AtomicLong ackErrors = new AtomicLong();
    final AtomicLong stray = new AtomicLong();

    private static final class User {
        final long index;
        int step;              // index into SCRIPT of the message last sent
        boolean awaitingFinal; // the processing reply came; the final message is next
        boolean waiting;
        boolean retired;
        long sentAt;
        long waitingSince;

        User(long index) {
            this.index = index;
        }
    }

    ClosedLoop(Loader loader, Webhooks webhooks, int count, long timeoutNanos) {
        this.loader = loader;
        this.webhooks = webhooks;
        this.timeoutNanos = timeoutNanos;
        this.users = new User[count + 100_000];
        this.active = new User[count];
        for (int i = 0; i < count; i++) {
            users[i] = new User(i);
            active[i] = users[i];
        }
        this.nextUser = new AtomicLong(count);
    }

    void start() {
        for (var u : active) {
            synchronized (u) {
                send(u);
            }
        }
    }

    void window(long start, long end) {
        windowStart = start;
        windowEnd = end;
    }

    /** Stops sending new messages; replies still owed are awaited by {@link #drain}. */
    void stop() {
        stopping = true;
    }

    /** Checks every user for an overdue reply; call it every few hundred ms. */
    void watchdog(long now) {
        var current = active;
        for (int i = 0; i < current.length; i++) {
            var u = current[i];
            boolean lost;
            synchronized (u) {
                lost = u.waiting && !u.retired && now - u.waitingSince > timeoutNanos;
                if (lost) {
                    u.retired = true;
                    u.waiting = false;
                    countLost(u);
                }
            }
            if (lost) {
                if (!stopping) {
                    long index = nextUser.getAndIncrement();
                    if (index < users.length) {
                        var fresh = new User(index);
                        users[(int) index] = fresh;
                        current[i] = fresh;
                        synchronized (fresh) {
                            send(fresh);
                        }
                    }
                }
            }
        }
    }

    /** Counts and prints a turn given up on; called with the user's lock held. */
    private void countLost(User u) {
        lostTurns.incrementAndGet();
        long since = u.waitingSince;
        if (since >= windowStart && since < windowEnd) {
            lostTurnsInWindow.incrementAndGet();
        }
        System.err.printf("lost turn: user %d step %d%s, %s%n", Webhooks.USER_BASE + u.index, u.step,
                u.awaitingFinal ? " (awaiting the final message)" : "", since < windowStart
                        ? "sent during the warm-up" : String.format("sent %.1f s into the window", (since - windowStart) / 1e9));
    }

    /** Waits until no user waits for a reply, or the timeout makes the remaining ones lost. */
    void drain(long limitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + limitNanos;
        while (System.nanoTime() < deadline) {
            watchdog(System.nanoTime());
            if (waitingCount() == 0) {
                return;
            }
            Thread.sleep(20);
        }
        for (var u : active) {
            synchronized (u) {
                if (u.waiting) {
                    u.waiting = false;
                    u.retired = true;
                    countLost(u);
                }
            }
        }
    }

    private int waitingCount() {
        int n = 0;
        for (var u : active) {
            synchronized (u) {
                n += u.waiting ? 1 : 0;
            }
        }
        return n;
    }

    @Override
    public void onReply(long number, boolean isFinal, long now) {
        long index = number - Webhooks.USER_BASE;
        var u = index >= 0 && index < users.length ? users[(int) index] : null;
        if (u == null) {
            stray.incrementAndGet();
            return;
        }
        synchronized (u) {
            if (!u.waiting || u.retired || isFinal != u.awaitingFinal) {
                stray.incrementAndGet();
                return;
            }
            boolean inWindow = now >= windowStart && now <= windowEnd;
            if (isFinal) {
                if (inWindow) {
                    conversations.incrementAndGet();
                    apiRound.recordNanos(now - u.waitingSince);
                }
                u.awaitingFinal = false;
                u.step = 0;
                u.waiting = false;
                if (!stopping) {
                    send(u);
                }
                return;
            }
            if (inWindow) {
                turns.incrementAndGet();
                if (u.sentAt >= windowStart) {
                    turn.recordNanos(now - u.sentAt);
                }
            }
            if (u.step == STEPS - 1) {
                u.awaitingFinal = true;
                u.waitingSince = now;
                return;
            }
            u.waiting = false;
            if (!stopping) {
                u.step++;
                send(u);
            }
        }
    }

    /** Called with the user's lock held. */
    private void send(User u) {
        var signed = webhooks.one(u.index, Webhooks.SCRIPT[u.step]);
        long start = System.nanoTime();
        u.sentAt = start;
        u.waitingSince = start;
        u.waiting = true;
        sent.incrementAndGet();
        loader.post(signed, (ok, end) -> {
            if (!ok) {
                ackErrors.incrementAndGet();
            }
            if (start >= windowStart && end <= windowEnd) {
                ack.recordNanos(end - start);
            }
        });
    }
}
