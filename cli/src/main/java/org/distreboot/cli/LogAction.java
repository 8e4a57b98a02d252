package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.distreboot.client.Cluster;
import org.distreboot.client.Json;
import org.distreboot.client.RunView;
import org.distreboot.client.config.Settings;
import org.distreboot.db.CommandOutput;
import org.distreboot.workflow.Durations;

/**
 * `distreboot --log NODE`: what the commands the run in progress, or else the last one, ran on
 * NODE printed (the tail of each, secrets masked), and how each ended; oldest first.
 */
@Singleton
final class LogAction {
    /** The most a log shows: a blockcmd that said no for a day would print hundreds. */
    private static final int SHOWN = 50;

    private final Cluster.Connector clusters;

    @Inject
    LogAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, String node, boolean json, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            RunView run = cluster.run();
            Instant since = run.status() == null ? Instant.EPOCH : run.status().startedAt();
            List<CommandOutput> kept = cluster.outputs(node, since, SHOWN);
            if (kept.isEmpty()) {
                Set<String> known = KnownNodes.of(cluster.heartbeats(), run);
                if (!known.contains(node)) {
                    throw KnownNodes.unknown(node, known, settings.cluster());
                }
            }
            if (json) {
                out.println(Json.write(new Log(settings.cluster(), node, since, kept.stream().map(Ran::of).toList())));
                return 0;
            }
            out.println(node + ": " + (kept.isEmpty() ? "no command output kept" : kept.size() + " command run"
                    + (kept.size() == 1 ? "" : "s") + (kept.size() == SHOWN ? " (the last " + SHOWN + ")" : ""))
                    + (run.status() == null ? "" : " since the run started " + run.status().startedAt()));
            kept.forEach(command -> print(command, out));
            return 0;
        }
    }

    private static void print(CommandOutput command, PrintWriter out) {
        out.println();
        out.println(command.ranAt().truncatedTo(ChronoUnit.MILLIS) + "  " + command.step() + "  " + command.command() + "  "
                + (command.timedOut() ? "timed out" : "exit " + command.exitCode()) + "  "
                + Durations.format(command.took()) + "  boot " + command.bootId());
        String output = command.output().strip();
        if (output.isEmpty()) {
            out.println("  (no output)");
            return;
        }
        output.lines().map(line -> "  | " + line.replaceAll("\\p{Cntrl}", "?")).forEach(out::println);
    }

    /** --json: the node's command runs. */
    record Log(String cluster, String node, Instant since, List<Ran> commands) {
    }

    /** One command run, as --json shows it. */
    record Ran(Instant ranAt, String step, String command, int exitCode, boolean timedOut, long tookMs,
               String bootId, String workflowId, String runId, String output) {
        static Ran of(CommandOutput kept) {
            return new Ran(kept.ranAt(), kept.step(), kept.command(), kept.exitCode(), kept.timedOut(),
                    kept.took().toMillis(), kept.bootId(), kept.workflowId(), kept.runId(), kept.output());
        }
    }
}
