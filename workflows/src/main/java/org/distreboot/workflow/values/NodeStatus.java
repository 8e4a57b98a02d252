package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One node's progress: when its turn started and ended, its boot id before and after the
 * reboot, a note (who dropped it and why, or what went wrong), and its quorum group (null when the
 * cluster is one group). Written without its empty fields: a run's status holds every node of the
 * plan, most of them pending or done.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(String node, NodeState state, Instant startedAt, Instant finishedAt,
                         String bootIdBefore, String bootIdAfter, String note, String group) {

    public NodeStatus(String node, NodeState state, Instant startedAt, Instant finishedAt,
                      String bootIdBefore, String bootIdAfter, String note) {
        this(node, state, startedAt, finishedAt, bootIdBefore, bootIdAfter, note, null);
    }

    public static NodeStatus pending(String node) {
        return new NodeStatus(node, NodeState.PENDING, null, null, null, null, null);
    }

    public static NodeStatus pending(String node, String group) {
        return new NodeStatus(node, NodeState.PENDING, null, null, null, null, null, group);
    }

    public NodeStatus started(Instant at) {
        return new NodeStatus(node, NodeState.DRAINING, at, null, null, null, null, group);
    }

    public NodeStatus draining(String bootId) {
        return new NodeStatus(node, NodeState.DRAINING, startedAt, null, bootId, null, note, group);
    }

    public NodeStatus in(NodeState next) {
        return new NodeStatus(node, next, startedAt, finishedAt, bootIdBefore, bootIdAfter, note, group);
    }

    public NodeStatus done(String bootId, Instant at) {
        return new NodeStatus(node, NodeState.DONE, startedAt, at, bootIdBefore, bootId, null, group);
    }

    /** Its reboot-required sentinel is not there: it keeps its place in the plan and its quorum, and no turn. */
    public NodeStatus skipped() {
        return new NodeStatus(node, NodeState.SKIPPED, null, null, null, null, null, group);
    }

    /** Back on a new boot, as {@code verdict} found it: done, and said so if its reboot-required sentinel is there again. */
    public NodeStatus back(Verdict verdict, Instant at) {
        return new NodeStatus(node, NodeState.DONE, startedAt, at, bootIdBefore, verdict.bootId(),
                verdict.sentinelAgain() ? "its reboot-required sentinel is there again after the reboot" : null, group);
    }

    /** Not back within reboot.timeout, and left out by the failure budget: down, as far as the run knows. */
    public NodeStatus failed(String why, Instant at) {
        return new NodeStatus(node, NodeState.FAILED, startedAt, at, bootIdBefore, bootIdAfter, why, group);
    }

    public NodeStatus dropped(String why, Instant at) {
        return new NodeStatus(node, NodeState.DROPPED, startedAt, at, bootIdBefore, bootIdAfter, why, group);
    }
}
