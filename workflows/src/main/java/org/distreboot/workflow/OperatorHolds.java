package org.distreboot.workflow;

import io.temporal.workflow.Functions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.values.Hold;

/**
 * Where a run waits on the operator's policy ({@link Holds}): the grace before its first node, the
 * settle after each node or batch (both off for runs begun before version 1 of "operator-holds"),
 * and a pause before each turn (off before version 3 of "compact-history"), each said in the status
 * while it lasts and ended early by a cancel. Workflow code: deterministic.
 */
final class OperatorHolds {
    private final Run run;
    private final boolean on;
    private final boolean pausable;

    /** {@code on}: grace and settle; {@code pausable}: a pause (version 3 of "compact-history"). */
    OperatorHolds(Run run, boolean on, boolean pausable) {
        this.run = run;
        this.on = on;
        this.pausable = pausable;
        if (pausable) {
            run.pausable();
        }
    }

    /** Before a node's turn (or a batch): a pause; true if the run waited (it then looks at the cluster again). */
    boolean beforeTurn() {
        return pausable && hold(() -> Holds.paused(run.status()), "paused");
    }

    /** reboot.grace before the first node; true if the run waited (it then looks at the cluster again). */
    boolean grace() {
        return on && hold(() -> Holds.grace(run.status(), run.request().grace(), Run.now()),
                "reboot.grace before the first node");
    }

    /** reboot.settle after {@code nodes} came back; true if the run waited (the next turn looks again). */
    boolean settleAfter(List<String> nodes) {
        return on && hold(() -> Holds.settle(run.status(), nodes, run.request().settle(), Run.now()),
                "reboot.settle after " + String.join(", ", nodes));
    }

    private boolean hold(Functions.Func<Optional<Hold>> hold, String summary) {
        boolean waited = false;
        Optional<Hold> now = hold.apply();
        while (now.isPresent() && !run.status().cancelRequested()) {
            run.update(run.status().waiting(now.get().why()));
            if (now.get().until() == null) {
                run.awaitOperator();
            } else {
                run.pause(Duration.between(Run.now(), now.get().until()), summary);
            }
            waited = true;
            now = hold.apply();
        }
        return waited;
    }
}
