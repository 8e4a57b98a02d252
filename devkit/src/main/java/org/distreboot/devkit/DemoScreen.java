package org.distreboot.devkit;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distreboot.cli.screen.LiveScreen;
import org.distreboot.cli.screen.Screenful;
import org.distreboot.cli.screen.ShownRole;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;

/**
 * What the demo shows while it runs: on a terminal, a node table and a progress bar redrawn in
 * place and fitted to the terminal's size; elsewhere, one plain line per change.
 */
final class DemoScreen {
    private final PrintWriter out;
    private final boolean terminal;
    private final LiveScreen live;
    private final Map<String, String> lastSeen = new HashMap<>();

    DemoScreen(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.live = new LiveScreen(out);
    }

    void show(RebootStatus run, ClusterHeartbeats heartbeats, Instant startedAt) {
        if (terminal) {
            live.draw(screen(run, heartbeats, startedAt));
        } else {
            logChanges(run, heartbeats, startedAt);
        }
    }

    private static Screenful screen(RebootStatus run, ClusterHeartbeats heartbeats, Instant startedAt) {
        String format = "%-8s %-10s %-8s %-16s %s";
        List<Screenful.Row> rows = new ArrayList<>();
        for (NodeHeartbeatRow row : heartbeats.nodes()) {
            Optional<NodeStatus> node = run == null ? Optional.empty() : run.node(row.node());
            String beat = row.stale() ? (row.stopping() ? "stopped" : "STALE")
                    : "fresh, " + Duration.between(heartbeats.now(), row.expiresAt()).toSeconds() + "s left";
            boolean inFlight = node.map(n -> n.state().inFlight()).orElse(false);
            rows.add(new Screenful.Row(String.format(format, row.node(), node.map(n -> n.state().name()).orElse("-"),
                    ShownRole.of(row, inFlight), beat, shorten(row.bootId())), inFlight));
        }
        int done = run == null ? 0 : run.withState(NodeState.DONE).size();
        int total = run == null ? heartbeats.nodes().size() : run.nodes().size();
        String progress = Screenful.bar(done, total) + ", " + Duration.between(startedAt, Instant.now()).toSeconds() + "s";
        return new Screenful(List.of(), String.format(format, "NODE", "STATE", "ROLE", "HEARTBEAT", "BOOT ID"), rows,
                List.of("", progress, run == null ? "" : "  " + where(run)));
    }

    /** What the run does now, or, once over, how it ended, in plain words. */
    private static String where(RebootStatus run) {
        if (run.phase() == Phase.RUNNING) {
            return "RUNNING: waiting for " + run.waitingFor();
        }
        if (run.phase() == Phase.COMPLETED) {
            return "COMPLETED: " + run.withState(NodeState.DONE).size() + " of " + run.nodes().size()
                    + " nodes rebooted";
        }
        return run.phase() + (run.reason() == null ? "" : ": " + run.reason());
    }

    private void logChanges(RebootStatus run, ClusterHeartbeats heartbeats, Instant startedAt) {
        if (run == null) {
            return;
        }
        long seconds = Duration.between(startedAt, Instant.now()).toSeconds();
        for (NodeStatus node : run.nodes()) {
            String seen = node.state().name();
            if (!seen.equals(lastSeen.put(node.node(), seen)) && node.state() != NodeState.PENDING) {
                out.printf("%4ds  %-8s %s%n", seconds, node.node(), seen.toLowerCase()
                        + (node.bootIdAfter() == null ? "" : " on boot " + shorten(node.bootIdAfter())));
            }
        }
        String phase = run.phase().name();
        if (!phase.equals(lastSeen.put("", phase))) {
            out.printf("%4ds  run      %s%n", seconds, phase.toLowerCase());
        }
        out.flush();
    }

    private static String shorten(String bootId) {
        return bootId.length() > 20 ? bootId.substring(0, 19) + "…" : bootId;
    }
}
