package org.distreboot.workflow;

import java.time.Duration;
import java.time.Instant;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * The run's looks at the heartbeats, each a verdict of a few lines ({@link Planner#verdict}), until
 * the cluster is whole. Workflow code: deterministic.
 */
final class ClusterLooks {
    private final Run run;
    /** Version 1 of "longer-looks-when-long": a long wait looks less often. */
    private final boolean longerLooks;
    private final ContinueAsNew continuation;

    ClusterLooks(Run run, boolean longerLooks, ContinueAsNew continuation) {
        this.run = run;
        this.longerLooks = longerLooks;
        this.continuation = continuation;
    }

    /**
     * Looks at the heartbeats until every member has a fresh one, is ready and the cluster is in
     * quorum (and, after a reboot, until {@code node}'s new daemon shows); stalls past {@code
     * deadline}, or at once when a node name is claimed by two hosts. Null when the operator
     * interrupted: a cancel, or a drop of {@code node}. A long wait looks less often (version 1
     * of "longer-looks-when-long"; before it, every 30 s for ever).
     */
    Verdict awaitWhole(String node, String bootIdBefore, Instant deadline) {
        Instant since = Run.now();
        for (int attempt = 0; ; attempt++) {
            Verdict verdict = run.cluster("look at the heartbeats").look(look(node, bootIdBefore));
            if (verdict.whole()) {
                return verdict;
            }
            boolean running = status().phase() == Phase.RUNNING;
            if (verdict.claimedTwice() && running) {
                run.stall(verdict.why());
            } else if (!Run.now().isBefore(deadline) && running) {
                run.stall("the cluster is not whole after " + Durations.format(run.request().rebootTimeout())
                        + ": " + verdict.why());
            } else if (running) {
                run.update(status().waiting(verdict.why()));
            }
            Duration delay = longerLooks ? Planner.recheckDelay(attempt, Duration.between(since, Run.now()),
                    running ? Duration.between(Run.now(), deadline) : Duration.ZERO) : Planner.recheckDelay(attempt);
            run.pause(delay, "look at the heartbeats again: " + verdict.blockers().get(0));
            if (run.operatorInterrupts(node, true)) {
                return null;
            }
            continuation.ifDue();
        }
    }

    /** What a look asks about: the run's members, and after a reboot whether {@code node} is back. */
    Look look(String node, String bootIdBefore) {
        return new Look(run.plan(), status().withState(NodeState.DROPPED), node, bootIdBefore,
                Planner.next(status(), status().master()).orElse(null), status().withState(NodeState.FAILED));
    }

    private RebootStatus status() {
        return run.status();
    }
}
