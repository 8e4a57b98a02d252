package org.distreboot.workflow;

import io.temporal.workflow.Functions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.values.Hold;

/**
 * Where a run waits on the operator's policy ({@link Holds}): the grace before its first node, the
 * settle after each node or batch (both off for runs begun before version 1 of "operator-holds"),
 * before each turn a pause (off before version 3 of "compact-history") and the reboot window (off
 * before version 2 of "operator-holds"), each said in the status while it lasts and ended early by
 * a cancel. Workflow code: deterministic.
 */
final class OperatorHolds {
    private final Run run;
    private final boolean on;
    private final boolean windowed;
    private final boolean pausable;

    /**
     * {@code version}: of "operator-holds", 1 for grace and settle, 2 with a window too; {@code
     * pausable}: a pause (version 3 of "compact-history").
     */
    OperatorHolds(Run run, int version, boolean pausable) {
        this.run = run;
        this.on = version >= 1;
        this.windowed = version >= 2;
        this.pausable = pausable;
        if (pausable) {
            run.keepPauses();
        }
    }

    /** The hold on the next node's turn (or batch), if any: a pause, then the reboot window. */
    Optional<Hold> beforeTurn() {
        return (pausable ? Holds.paused(run.status()) : Optional.<Hold>empty())
                .or(() -> windowed ? Holds.window(run.status(), run.request().window(), Run.now()) : Optional.empty());
    }

    /** Waits out the hold on the next turn once: until it ends by itself or the operator acts. */
    void keep(Hold hold) {
        keep(hold, "outside the reboot window");
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
            keep(now.get(), summary);
            waited = true;
            now = hold.apply();
        }
        return waited;
    }

    /** Says {@code hold} in the status and waits until it ends (a pause: until the operator acts). */
    private void keep(Hold hold, String summary) {
        run.update(run.status().waitingUntil(hold.why(), hold.until()));
        if (hold.until() == null) {
            run.awaitOperator();
        } else {
            run.pause(Duration.between(Run.now(), hold.until()), summary);
        }
    }
}
