package wabot.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of a crash run, printed and appended to {@code runs.txt}, and its verdict: the run fails with every
 * problem found. Beyond the final check's findings it asks for at least five kills, each by SIGKILL and each while
 * something was in flight; no loss; no more duplicate sends than one per person per kill; and, after the last
 * restart, everything owed at that kill delivered within the plan's bound.
 */
final class Report {
    private final Crash.Plan plan;
    private final Run run;
    private final Path out;

    Report(Crash.Plan plan, Run run, Path out) {
        this.plan = plan;
        this.run = run;
        this.out = out;
    }

    void print(Verdict.Findings findings, List<Killer.Kill> kills, List<Recovery.Wait> waits, Meta meta, People people,
               Map<String, Integer> exits, Path dir) throws IOException {
        double took = run.secondsSince(run.started);
        int lost = findings.messagesLost() + findings.repliesLost();
        for (var kill : kills) {
            System.out.printf("crash test: kill %d caught %d sends in flight (sent again after it; the earliest "
                            + "had reached Graph %d ms before the kill) and %d business API calls (posted again with "
                            + "the same key)%n",
                    kill.number(), findings.duplicatesByKill().getOrDefault(kill.number(), 0),
                    findings.inFlightFor().getOrDefault(kill.number(), 0L),
                    findings.repostsByKill().getOrDefault(kill.number(), 0));
        }
        for (int i = 0; i < waits.size(); i++) {
            var wait = waits.get(i);
            // A wait that outlasts the next kill also waited out that kill's downtime and restart.
            boolean throughNext = i + 1 < waits.size() && wait.doneAt - waits.get(i + 1).killedAt > 0;
            System.out.printf("crash test: kill %d: %s (target 5 s)%n", wait.kill, wait.done()
                    ? String.format("the %d replies owed at the kill all arrived %.1f s after it, %.1f s after the "
                    + "restart%s; the last to %s", wait.owedReplies, wait.afterKill(), wait.afterRestart(),
                    throughNext ? ", the next kill in between" : "", wait.last.isEmpty() ? "several people" : wait.last)
                    : "replies owed at the kill never all arrived");
        }
        System.out.printf("crash test: phases the kills landed in: webhook intake %d/%d, turns and sends owed %d/%d, "
                        + "business API call %d/%d, a send Graph had accepted but wabot had not recorded %d/%d%n",
                kills.stream().filter(kill -> kill.webhooksInFlight() > 0).count(), kills.size(),
                kills.stream().filter(kill -> kill.repliesOwed() > 0).count(), kills.size(),
                kills.stream().filter(kill -> kill.apiInFlight() > 0
                        || findings.repostsByKill().containsKey(kill.number())).count(), kills.size(),
                kills.stream().filter(kill -> findings.duplicatesByKill().containsKey(kill.number())).count(),
                kills.size());
        var last = waits.isEmpty() ? null : waits.get(waits.size() - 1);
        var summary = String.format("crash test: %d kills, %d messages accepted, %d replies, %d duplicate sends, "
                        + "%d lost, everything owed %s after the last restart", kills.size(), people.accepted.size(),
                findings.replies(), findings.duplicates(), lost,
                last != null && last.done() ? String.format("%.1f s", last.afterRestart()) : "never");
        var details = String.format("%d people, %d conversations, %d webhook POSTs (%d acknowledged, %d refused "
                        + "while down, %d cut by a kill, %d answered 5xx, %d messages redelivered), %d submissions "
                        + "posted again with the same key (%d of them retries without a kill), %d doubled, final stop "
                        + "exit %s, %.1f s, seed %s",
                plan.people(), findings.conversations(), meta.posts.get(), meta.acknowledged.get(), meta.refused.get(),
                meta.cut.get(), meta.unavailable.get(), meta.redelivered.get(), findings.reposted(),
                findings.repostsByKill().getOrDefault(0, 0), findings.doubled(),
                exits.size() == 1 ? exits.values().iterator().next() : exits, took, run.seed);
        System.out.println(summary);
        System.out.println("crash test: " + details);
        Files.writeString(out.resolve("runs.txt"), Instant.now() + " " + summary + " (" + details + ")"
                        + (findings.problems().isEmpty() ? "" : " FAILED") + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        var problems = new ArrayList<String>();
        if (kills.size() < 5) {
            problems.add("only " + kills.size() + " kills; the proof needs at least 5");
        }
        for (var kill : kills) {
            if (kill.exitCode() != WabotProcess.SIGKILL_EXIT) {
                problems.add("kill " + kill.number() + " ended wabot with exit code " + kill.exitCode()
                        + ", not SIGKILL's " + WabotProcess.SIGKILL_EXIT);
            }
            if (kill.webhooksInFlight() + kill.repliesOwed() + kill.apiInFlight() == 0) {
                problems.add("kill " + kill.number() + " landed while nothing was in flight");
            }
        }
        if (lost != 0) {
            problems.add(lost + " lost (" + findings.messagesLost() + " accepted messages or answers never "
                    + "processed, " + findings.repliesLost() + " replies never delivered); the loss count must be 0");
        }
        int bound = plan.people() * kills.size();
        if (findings.duplicates() > bound) {
            problems.add(findings.duplicates() + " duplicate sends, more than one in flight per person per kill ("
                    + bound + ")");
        }
        if (last == null || !last.done()) {
            problems.add("the replies owed at the last kill never all arrived");
        } else if (last.afterRestart() > plan.recoveryBound().toSeconds()) {
            problems.add(String.format("after the last restart people waited %.1f s for what they were owed, more "
                    + "than %d s", last.afterRestart(), plan.recoveryBound().toSeconds()));
        }
        problems.addAll(findings.problems());
        if (!problems.isEmpty()) {
            throw new AssertionError("crash test found " + problems.size() + " problem(s) (the database and working "
                    + "folders are kept in " + dir + ", wabot's output in " + out + "):\n- "
                    + problems.stream().limit(40).collect(Collectors.joining("\n- ")));
        }
    }
}
