package org.distreboot.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The run's current details, as the Temporal UI shows them (markdown): the cluster and phase,
 * done/total, the node in flight and since when, what the run waits for, and every node's step.
 */
final class StatusText {
    /** Past this many nodes the list is cut: the details are for a glance, status has the rest. */
    private static final int NODES_SHOWN = 40;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    static String details(RebootStatus status) {
        StringBuilder text = new StringBuilder()
                .append("**cluster ").append(status.cluster()).append(": ").append(status.phase()).append("** · ")
                .append(status.count(NodeState.DONE)).append(" of ").append(status.nodes().size())
                .append(" nodes rebooted");
        List<String> dropped = status.withState(NodeState.DROPPED);
        if (!dropped.isEmpty()) {
            text.append(" · dropped: ").append(String.join(", ", dropped));
        }
        List<String> failed = status.withState(NodeState.FAILED);
        if (!failed.isEmpty()) {
            text.append(" · failed (reboot.max-failed): ").append(String.join(", ", failed));
        }
        int skipped = status.count(NodeState.SKIPPED);
        if (skipped > 0) {
            text.append(" · ").append(skipped).append(" skipped (no reboot-required sentinel)");
        }
        if (status.master() != null) {
            text.append(" · master: ").append(status.master());
        }
        if (status.current() != null) {
            status.node(status.current()).ifPresentOrElse(n -> text.append("\n\nnow: **").append(n.node())
                    .append("**, ").append(n.state()).append(", its turn began at ").append(clock(n.startedAt())),
                    () -> batch(status, text));
        }
        if (status.reason() != null) {
            text.append("\n\nwhy: ").append(status.reason());
        }
        if (status.paused() != null) {
            text.append("\n\n**paused** by ").append(status.paused().by()).append(" at ")
                    .append(clock(status.paused().at()))
                    .append(status.paused().reason() == null ? "" : ": " + status.paused().reason())
                    .append(" · `distreboot --resume` goes on");
        }
        text.append("\n\nwaiting for: ").append(status.waitingFor()).append("\n\nnodes, in reboot order:\n");
        List<NodeStatus> nodes = status.nodes();
        nodes.stream().limit(NODES_SHOWN).forEach(n -> text.append("\n- ").append(step(n, status.master())));
        if (nodes.size() > NODES_SHOWN) {
            text.append("\n- … and ").append(nodes.size() - NODES_SHOWN).append(" more (`distreboot` lists them all)");
        }
        return text.toString();
    }

    /** A batch in flight: "now: the batch of **a-2** REJOINING, **b-1** DRAINING". */
    private static void batch(RebootStatus status, StringBuilder text) {
        List<String> inFlight = new ArrayList<>();
        for (NodeStatus node : status.nodes()) {
            if (node.state().inFlight()) {
                inFlight.add("**" + node.node() + "** " + node.state());
            }
        }
        if (!inFlight.isEmpty()) {
            text.append("\n\nnow: the batch of ").append(String.join(", ", inFlight));
        }
    }

    /** One node's step in a line: "node-a: DONE in 6.1s, boot 1f0c… → 9ab2…". */
    private static String step(NodeStatus node, String master) {
        StringBuilder line = new StringBuilder(node.node()).append(": ").append(node.state());
        if (node.state() == NodeState.PENDING && node.node().equals(master)) {
            line.append(" (master, last)");
        }
        if (node.startedAt() != null && node.finishedAt() != null) {
            line.append(" in ").append(Durations.format(Duration.between(node.startedAt(), node.finishedAt())
                    .withNanos(0)));
        } else if (node.startedAt() != null) {
            line.append(" since ").append(clock(node.startedAt()));
        }
        if (node.bootIdBefore() != null) {
            line.append(", boot ").append(shortId(node.bootIdBefore())).append(" → ")
                    .append(node.bootIdAfter() == null ? "?" : shortId(node.bootIdAfter()));
        }
        if (node.note() != null) {
            line.append(" (").append(node.note()).append(')');
        }
        return line.toString();
    }

    private static String clock(Instant at) {
        return at == null ? "?" : CLOCK.format(at);
    }

    private static String shortId(String bootId) {
        return bootId.length() <= 20 ? bootId : bootId.substring(0, 8) + "…";
    }
}
