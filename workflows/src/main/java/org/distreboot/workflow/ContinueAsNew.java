package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import org.distreboot.workflow.values.CarriedRun;

/**
 * A run continues as new once Temporal suggests it or its history passes the budget, wherever it is
 * (never with a node call in flight): its handlers finish first, and its state goes along, so the
 * next run takes up what this one left. Workflow code: deterministic.
 */
final class ContinueAsNew {
    /** Events after which a run continues as new, whatever Temporal suggests, unless the request sets it. */
    static final int EVENT_BUDGET = 4_000;

    private final Run run;
    private final Batch batch;

    ContinueAsNew(Run run, Batch batch) {
        this.run = run;
        this.batch = batch;
    }

    /** Continues as new if it is due; within a batch only its coordinator does ({@link Batch#run}). */
    void ifDue() {
        if (due() && !batch.running()) {
            now();
        }
    }

    boolean due() {
        return run.historyFull(EVENT_BUDGET);
    }

    /**
     * A turn of a batch about to call its node waits here, calling nothing, once the run is due to
     * continue as new: the coordinator does so when no turn is touching its node, and the carried
     * state makes the next run call again. Never between a node's boot id and its drain-and-reboot
     * call: a run that takes up a node with a boot id before waits for its return.
     */
    void parkIfDue() {
        if (batch.running() && due()) {
            Workflow.await(() -> false);
        }
    }

    void now() {
        run.awaitHandlersAndNotices();
        Workflow.continueAsNew(run.request().carrying(CarriedRun.of(run.plan(), run.status())));
    }
}
