package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import org.distreboot.workflow.values.NodeState;

/**
 * reboot.max-failed: a node not back within reboot.timeout is marked failed and left out while the
 * budget lasts, and the run goes on (it still counts for quorum, as a node down); past the budget
 * the run stalls, as it always did. Version 1 of "max-failed", asked as the run begins and only
 * when the request has a budget. Workflow code: deterministic.
 */
final class FailureBudget {
    private final Run run;
    private final boolean kept;

    FailureBudget(Run run) {
        this.run = run;
        this.kept = run.request().maxFailed() > 0
                && Workflow.getVersion("max-failed", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /** Marks {@code node} failed for {@code why} if the budget allows; false when the run must stall instead. */
    boolean leaveOut(String node, String why) {
        if (!kept || !Planner.mayFail(run.status(), run.request().maxFailed())) {
            return false;
        }
        int failed = run.status().count(NodeState.FAILED) + 1;
        run.fail(node, why + " (failed " + failed + " of reboot.max-failed " + run.request().maxFailed() + ")");
        return true;
    }
}
