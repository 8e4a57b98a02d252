package org.distreboot.workflow;

import io.temporal.failure.ApplicationFailure;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.RebootStatus;

/**
 * A run's first step: fix the plan (the nodes with a heartbeat now), skip the nodes that need no
 * reboot, and check the preconditions on it. Workflow code: deterministic.
 */
final class RunStart {
    private RunStart() {
    }

    /**
     * The plan of the run keyed {@code key}, its first status set (not yet shown); null when no node
     * needs a reboot (the run is then over); throws when the preconditions refuse the run.
     */
    static Plan fix(Run run, String key) {
        Plan fixed = run.cluster("fix the plan: the nodes with a heartbeat now").plan(key);
        String cluster = run.request().cluster();
        String by = run.request().requestedBy();
        RebootStatus first = fixed.groups() == null
                ? RebootStatus.start(cluster, by, fixed.order(), fixed.verdict().master(), Run.now())
                : RebootStatus.start(cluster, by, fixed.order(), fixed.groups(), fixed.verdict().master(), Run.now());
        run.set(Sentinels.skipping(first, fixed, run.request()));
        if (Sentinels.nothingToReboot(run.status())) {
            run.finish(Phase.COMPLETED, Sentinels.NOTHING_TO_REBOOT);
            return null;
        }
        if (!fixed.verdict().whole()) {
            String refusal = "refused: " + fixed.verdict().why();
            run.finish(Phase.FAILED, refusal);
            throw ApplicationFailure.newNonRetryableFailure(refusal, "PreconditionFailed");
        }
        return fixed;
    }
}
