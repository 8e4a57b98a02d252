package org.distreboot.devkit;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * What the demo shows while it runs: on a terminal, a node table and a progress bar redrawn in
 * place; elsewhere, one plain line per change.
 */
final class DemoScreen {
    private static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private int linesDrawn;
    private final Map<String, String> lastSeen = new HashMap<>();

    DemoScreen(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(RebootStatus run, ClusterHeartbeats heartbeats, Instant startedAt) {
        if (terminal) {
            redraw(table(run, heartbeats, startedAt));
        } else {
            logChanges(run, heartbeats, startedAt);
        }
    }

    private List<String> table(RebootStatus run, ClusterHeartbeats heartbeats, Instant startedAt) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-8s %-10s %-7s %-22s %-22s", "NODE", "STATE", "ROLE", "HEARTBEAT", "BOOT ID"));
        for (NodeHeartbeatRow row : heartbeats.nodes()) {
            String state = run == null ? "-" : run.node(row.node()).map(n -> n.state().name()).orElse("-");
            String beat = row.stale() ? (row.stopping() ? "stopped" : "STALE")
                    : "fresh, " + Duration.between(heartbeats.now(), row.expiresAt()).toSeconds() + "s left";
            lines.add(String.format("%-8s %-10s %-7s %-22s %-22s", row.node(), state,
                    row.role() == null ? "-" : row.role(), beat, shorten(row.bootId())));
        }
        int done = run == null ? 0 : run.withState(NodeState.DONE).size();
        int total = run == null ? heartbeats.nodes().size() : run.nodes().size();
        int filled = total == 0 ? 0 : BAR * done / total;
        lines.add("");
        lines.add("[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done + "/" + total + " rebooted, "
                + Duration.between(startedAt, Instant.now()).toSeconds() + "s"
                + (run == null ? "" : "  " + run.phase() + ": " + run.waitingFor()));
        return lines;
    }

    private void redraw(List<String> lines) {
        StringBuilder screen = new StringBuilder();
        if (linesDrawn > 0) {
            screen.append("\033[").append(linesDrawn).append('A');
        }
        for (String line : lines) {
            screen.append("\033[2K").append(line, 0, Math.min(line.length(), 150)).append('\n');
        }
        out.print(screen);
        out.flush();
        linesDrawn = lines.size();
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
