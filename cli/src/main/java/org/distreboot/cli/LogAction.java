package org.distreboot.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.distreboot.db.CommandOutput;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.worker.config.Settings;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.values.NodeStatus;

/**
 * `distreboot --log NODE`: what the commands the run in progress, or else the last one, ran on
 * NODE printed (the tail of each, secrets masked), and how each ended; oldest first.
 */
final class LogAction {
    /** The most a log shows: a blockcmd that said no for a day would print hundreds. */
    private static final int SHOWN = 50;

    int run(Settings settings, String node, boolean json, PrintWriter out) {
        try (ClusterClient cluster = new ClusterClient(settings)) {
            RunView run = cluster.run();
            Instant since = run.status() == null ? Instant.EPOCH : run.status().startedAt();
            List<CommandOutput> kept = cluster.outputs(node, since, SHOWN);
            if (kept.isEmpty()) {
                refuseIfUnknown(cluster, run, node, settings);
            }
            if (json) {
                out.println(Json.write(asJson(settings, node, since, kept)));
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

    private static void refuseIfUnknown(ClusterClient cluster, RunView run, String node, Settings settings) {
        TreeSet<String> known = new TreeSet<>(cluster.heartbeats().nodes().stream().map(NodeHeartbeatRow::node)
                .toList());
        if (run.status() != null) {
            run.status().nodes().stream().map(NodeStatus::node).forEach(known::add);
        }
        if (!known.contains(node)) {
            throw CommandFailure.refused("unknown node '" + node + "'; known nodes of cluster " + settings.cluster()
                    + ": " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
    }

    private static Map<String, Object> asJson(Settings settings, String node, Instant since, List<CommandOutput> kept) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cluster", settings.cluster());
        report.put("node", node);
        report.put("since", since);
        report.put("commands", kept.stream().map(command -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ranAt", command.ranAt());
            line.put("step", command.step());
            line.put("command", command.command());
            line.put("exitCode", command.exitCode());
            line.put("timedOut", command.timedOut());
            line.put("tookMs", command.took().toMillis());
            line.put("bootId", command.bootId());
            line.put("workflowId", command.workflowId());
            line.put("runId", command.runId());
            line.put("output", command.output());
            return line;
        }).toList());
        return report;
    }
}
