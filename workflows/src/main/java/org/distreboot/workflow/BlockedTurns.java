package org.distreboot.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Notice;

/**
 * A node whose blockcmd said no (version 4 of "compact-history"; runs begun before stall on it):
 * nothing was touched, so its turn is undone (the node pending again, its place kept) and the run
 * says why and looks again after a pause that grows with the wait, as the looks at a cluster that
 * is not whole do. Workflow code: deterministic.
 */
final class BlockedTurns {
    private final Run run;
    private final boolean on;
    private int attempts;
    private Instant since;

    BlockedTurns(Run run, boolean on) {
        this.run = run;
        this.on = on;
    }

    /** True if {@code failure} was blockcmd's: the run has waited, and the node's turn is to start again. */
    boolean held(String node, ActivityFailure failure) {
        if (!on || !(failure.getCause() instanceof ApplicationFailure application)
                || !NodeActivities.BLOCKED.equals(application.getType())) {
            return false;
        }
        if (attempts == 0) {
            since = Run.now();
            run.tell(Notice.blocked(run.status(), node, application.getOriginalMessage(), since));
        }
        Duration delay = Planner.recheckDelay(attempts++, Duration.between(since, Run.now()), Duration.ZERO);
        String why = application.getOriginalMessage();
        run.update(run.status().withNode(node, n -> NodeStatus.pending(n.node(), n.group()))
                .turnOf(node.equals(run.status().current()) ? null : run.status().current())
                .waiting("blockcmd on " + node + " says: " + why + "; it is run again in " + Durations.format(delay)));
        run.pause(delay, "blockcmd on " + node + " again: " + why);
        return true;
    }

    /** A node's drain-and-reboot went through: the next block starts its pauses short again. */
    void cleared() {
        attempts = 0;
    }
}
