package org.distreboot.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.values.Hold;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.RebootWindow;

/**
 * The operator's holds on a run, as pure functions of its status and the time: the grace after
 * --reboot (reboot.grace), the settle after a node is back (reboot.settle), a reboot window
 * (window.*) and a pause (--pause).
 * A hold only ever delays the next node's turn; a node in flight goes on.
 */
public final class Holds {
    private Holds() {
    }

    /**
     * reboot.grace: from the run's start until {@code grace} later, while no node's turn has
     * begun, the run reboots nothing, and a cancel ends it with nothing rebooted.
     */
    public static Optional<Hold> grace(RebootStatus status, Duration grace, Instant now) {
        if (grace == null || !status.phase().active() || status.count(NodeState.PENDING) == 0
                || status.count(NodeState.PENDING) + status.count(NodeState.DROPPED)
                + status.count(NodeState.SKIPPED) < status.nodes().size()) {
            return Optional.empty();
        }
        Instant until = status.startedAt().plus(grace);
        return now.isBefore(until) ? Optional.of(new Hold("the grace of " + Durations.format(grace)
                + " (reboot.grace): the first node's turn at " + clock(until)
                + "; distreboot --cancel before then reboots nothing", until)) : Optional.empty();
    }

    /**
     * reboot.settle: after the last of {@code nodes} came back (its turn done), the next turn waits
     * {@code settle}. Nothing to wait for when no node is left, or none of them is done with a time
     * (dropped, or done in an earlier run of the chain, whose settle was over before it continued as new).
     */
    public static Optional<Hold> settle(RebootStatus status, List<String> nodes, Duration settle, Instant now) {
        if (settle == null || status.count(NodeState.PENDING) == 0) {
            return Optional.empty();
        }
        Instant back = null;
        String last = null;
        for (String node : nodes) {
            NodeStatus done = status.node(node).filter(n -> n.state() == NodeState.DONE).orElse(null);
            if (done != null && done.finishedAt() != null && (back == null || done.finishedAt().isAfter(back))) {
                back = done.finishedAt();
                last = node;
            }
        }
        if (back == null || !now.isBefore(back.plus(settle))) {
            return Optional.empty();
        }
        Instant until = back.plus(settle);
        return Optional.of(new Hold("the settle of " + Durations.format(settle) + " (reboot.settle): " + last
                + " is back since " + clock(back) + ", the next node's turn at " + clock(until), until));
    }

    /**
     * --pause: while the run is paused and a node is left, no node starts its turn, until --resume;
     * the hold has no end of its own ({@link Hold#until()} null).
     */
    public static Optional<Hold> paused(RebootStatus status) {
        if (status.paused() == null || status.count(NodeState.PENDING) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Hold("--resume: paused by " + status.paused().by() + " at "
                + clock(status.paused().at()) + (status.paused().reason() == null ? "" : " (" + status.paused().reason()
                + ")") + "; the next node's turn waits for distreboot --resume", null));
    }

    /**
     * A reboot window (window.*): outside it no node starts its turn until it opens again; a node
     * in flight finishes. Nothing to wait for when no node is left.
     */
    public static Optional<Hold> window(RebootStatus status, RebootWindow window, Instant now) {
        if (window == null || status.count(NodeState.PENDING) == 0 || window.open(now)) {
            return Optional.empty();
        }
        Instant opens = window.nextOpening(now);
        return Optional.of(new Hold("the reboot window " + window.describe() + " (window.*): the next node's turn"
                + " when it opens, at " + clock(opens), opens));
    }

    /** 2026-12-03T22:04:05Z: to the second. */
    private static String clock(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
