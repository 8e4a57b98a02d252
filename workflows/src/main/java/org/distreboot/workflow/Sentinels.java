package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;

/**
 * Only what needs it: a run started without --all skips the nodes whose daemon said their
 * reboot-required sentinel is not there. They keep their place in the plan and count for quorum,
 * and get no turn. Version 1 of "sentinel", asked as the run begins and only when the plan has
 * such nodes. Workflow code: deterministic.
 */
final class Sentinels {
    static final String NOTHING_TO_REBOOT = "nothing to reboot: no node has its reboot-required sentinel"
            + " (--reboot --all reboots every node)";

    private Sentinels() {
    }

    /** {@code started} with the nodes the plan found without their sentinel skipped, unless every node goes. */
    static RebootStatus skipping(RebootStatus started, Plan plan, RebootRequest request) {
        if (request.all() || plan.noSentinel().isEmpty()
                || Workflow.getVersion("sentinel", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return started;
        }
        return started.skipping(plan.noSentinel());
    }

    /** Whether every node was skipped: the run has nothing to do. */
    static boolean nothingToReboot(RebootStatus status) {
        return status.count(NodeState.SKIPPED) > 0 && status.count(NodeState.PENDING) == 0;
    }
}
