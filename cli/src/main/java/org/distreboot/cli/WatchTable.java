package org.distreboot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distreboot.cli.screen.Screenful;
import org.distreboot.cli.screen.ShownRole;
import org.distreboot.client.RunView;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * What {@code --watch} draws on a terminal, redrawn in place: the run's phase and progress, the
 * node in flight and since when, what the run waits for, and a line per node with its state, its
 * turn (drain to return) and its heartbeat. Pure: the same inputs draw the same lines.
 */
final class WatchTable {
    private WatchTable() {
    }

    /**
     * @param heartbeats the last heartbeats read, or null when PostgreSQL has not answered yet
     * @param outages    by service, what it failed with, for those that do not answer now
     */
    static Screenful screen(String cluster, RunView run, ClusterHeartbeats heartbeats, Map<String, String> outages,
                            Instant now) {
        List<String> above = new ArrayList<>();
        RebootStatus status = run.status();
        if (status == null) {
            above.add("distributed reboot of cluster " + cluster + ": " + run.state()
                    + (run.reason() == null ? "" : " (" + run.reason() + ")"));
        } else {
            above.add(headline(run, status, now));
            above.addAll(WatchLines.where(run, status, now));
        }
        outages.values().forEach(outage -> above.add("  " + outage));
        above.add("");
        List<String> names = status == null ? heartbeats == null ? List.of()
                : heartbeats.nodes().stream().map(NodeHeartbeatRow::node).toList() : status.order();
        int width = Math.max(4, names.stream().mapToInt(String::length).max().orElse(4));
        String format = "%-" + width + "s  %-10s  %7s  %-9s  %-7s  %s";
        String header = String.format(format, "NODE", "STATE", "TURN", "HEARTBEAT", "ROLE", "BOOT ID").stripTrailing();
        List<Screenful.Row> rows = new ArrayList<>();
        for (String name : names) {
            Optional<NodeStatus> node = status == null ? Optional.empty() : status.node(name);
            Optional<NodeHeartbeatRow> row = heartbeats == null ? Optional.empty() : heartbeats.node(name);
            boolean inFlight = node.map(n -> n.state().inFlight()).orElse(false);
            rows.add(new Screenful.Row(String.format(format, name, node.map(n -> n.state().name()).orElse("-"),
                    node.map(n -> turn(n, now)).orElse("-"),
                    heartbeats == null ? "?" : row.map(WatchTable::heartbeat).orElse("none"),
                    row.map(r -> ShownRole.of(r, inFlight)).orElse("-"), bootIds(node, row)).stripTrailing(), inFlight));
        }
        List<String> below = new ArrayList<>();
        if (status != null) {
            below.add("");
            below.add(Screenful.bar(status.count(NodeState.DONE), status.nodes().size() - status.count(NodeState.SKIPPED)));
        }
        return new Screenful(above, header, rows, below);
    }

    private static String headline(RunView run, RebootStatus status, Instant now) {
        int total = status.nodes().size() - status.count(NodeState.SKIPPED);
        Instant end = status.finishedAt() == null ? now : status.finishedAt();
        return "distributed reboot of cluster " + status.cluster() + ": " + run.state() + ", "
                + status.count(NodeState.DONE) + " of " + total + " done"
                + (status.count(NodeState.DROPPED) == 0 ? "" : ", " + status.count(NodeState.DROPPED) + " dropped")
                + (status.count(NodeState.FAILED) == 0 ? "" : ", " + status.count(NodeState.FAILED) + " FAILED")
                + ", " + Relative.amount(Duration.between(status.startedAt(), end).abs())
                + (status.requestedBy() == null ? "" : " (requested by " + status.requestedBy() + ")");
    }

    /** From the drain to the return; so far, for the node in flight. */
    static String turn(NodeStatus node, Instant now) {
        if (node.startedAt() == null) {
            return "-";
        }
        Instant end = node.finishedAt() == null ? now : node.finishedAt();
        return Relative.amount(Duration.between(node.startedAt(), end).abs());
    }

    private static String heartbeat(NodeHeartbeatRow row) {
        return row.stopping() ? "stopped" : row.stale() ? "STALE" : "fresh";
    }

    /** The boot before the turn and after it, each by its first 8 characters; before any turn, the current one. */
    private static String bootIds(Optional<NodeStatus> node, Optional<NodeHeartbeatRow> row) {
        Optional<String> before = node.map(NodeStatus::bootIdBefore);
        Optional<String> after = node.map(NodeStatus::bootIdAfter);
        if (before.isPresent()) {
            return shorten(before.get()) + after.map(boot -> " -> " + shorten(boot)).orElse("");
        }
        return row.map(NodeHeartbeatRow::bootId).map(WatchTable::shorten).orElse("-");
    }

    private static String shorten(String bootId) {
        return bootId.length() > 8 ? bootId.substring(0, 8) : bootId;
    }
}
