package org.distreboot.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.distreboot.client.RunView;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;

/**
 * What {@code --watch} prints away from a terminal (a pipe, a log, CI): one line per change, each
 * with its time: a node's state, the run's phase, what it waits for, a pause, a service that
 * stopped or started answering. Remembers what it printed; nothing else.
 */
final class WatchLines {
    private final Map<String, String> seen = new HashMap<>();

    /**
     * The lines for what changed since the last call; every line at the first.
     *
     * @param outages by service ("Temporal", "PostgreSQL"), what it failed with, for those that do not answer
     */
    List<String> changes(RunView run, Map<String, String> outages, Instant now) {
        List<String> lines = new ArrayList<>();
        String at = now.truncatedTo(ChronoUnit.SECONDS) + "  ";
        for (String service : List.of("Temporal", "PostgreSQL")) {
            Optional<String> outage = Optional.ofNullable(outages.get(service));
            if (changed("outage " + service, outage.isPresent() ? "down" : "")) {
                lines.add(at + outage.orElse(service + " answers again"));
            }
        }
        RebootStatus status = run.status();
        if (status == null) {
            if (changed("run", run.state())) {
                lines.add(at + "run  " + run.state() + (run.reason() == null ? "" : ": " + run.reason()));
            }
            return lines;
        }
        int width = status.order().stream().mapToInt(String::length).max().orElse(4);
        for (NodeStatus node : status.nodes()) {
            if (changed("node " + node.node(), node.state().name()) && node.state() != NodeState.PENDING) {
                lines.add(at + String.format("%-" + width + "s  ", node.node()) + node.state() + detail(node, now));
            }
        }
        if (changed("run", run.state())) {
            lines.add(at + "run  " + run.state() + (run.reason() == null && status.reason() == null ? ""
                    : ": " + Objects.requireNonNullElse(run.reason(), status.reason())));
        }
        if (changed("paused", status.paused() == null ? "" : status.paused().by())) {
            lines.add(at + "run  " + (status.paused() == null ? "resumed" : "PAUSED by " + status.paused().by()));
        }
        // A stall's line says what it waits for: the operator.
        if (run.phase() == Phase.RUNNING && changed("waiting", status.waitingFor())) {
            lines.add(at + "run  waiting for " + status.waitingFor());
        }
        return lines;
    }

    /** Whether {@code what} is {@code now} no longer what was printed; nothing (null) was printed as "". */
    private boolean changed(String what, String now) {
        String value = now == null ? "" : now;
        String before = seen.put(what, value);
        return !value.equals(before == null ? "" : before);
    }

    /** What is known of a node's end: a run's result keeps only the name and state of most nodes. */
    private static String detail(NodeStatus node, Instant now) {
        List<String> parts = new ArrayList<>();
        if (node.state() == NodeState.DONE && node.startedAt() != null) {
            parts.add("turn " + WatchTable.turn(node, now));
        }
        if (node.state() == NodeState.DONE && node.bootIdAfter() != null) {
            parts.add("boot " + node.bootIdBefore() + " -> " + node.bootIdAfter());
        }
        if (node.note() != null && node.state() != NodeState.PENDING) {
            parts.add(node.note());
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    /** The lines under the headline: the node in flight, what the run waits for, a stall, a pause. */
    static List<String> where(RunView run, RebootStatus status, Instant now) {
        List<String> lines = new ArrayList<>();
        Optional<NodeStatus> current = Optional.ofNullable(status.current()).flatMap(status::node);
        current.filter(node -> node.startedAt() != null).ifPresent(node -> lines.add("  current:     " + node.node()
                + " " + node.state().name().toLowerCase() + ", its turn began "
                + Relative.amount(Duration.between(node.startedAt(), now).abs()) + " ago"));
        if (run.state().equals("STALLED")) {
            lines.add("  STALLED:     " + status.reason());
            lines.add("  what to do:  distreboot --cancel, distreboot --drop=" + (status.current() == null ? "NODE"
                    : status.current()) + ", or wait for it to come back");
        } else if (run.inProgress() && status.waitingFor() != null) {
            lines.add("  waiting for: " + status.waitingFor() + (status.holdsUntil() == null ? ""
                    : " (" + Relative.to(status.holdsUntil(), now) + ")"));
        } else if (!run.inProgress() && (run.reason() != null || status.reason() != null)) {
            lines.add("  why:         " + Objects.requireNonNullElse(run.reason(), status.reason()));
        }
        if (status.paused() != null) {
            lines.add("  PAUSED:      by " + status.paused().by() + "; no further node starts until distreboot --resume");
        }
        return lines;
    }
}
