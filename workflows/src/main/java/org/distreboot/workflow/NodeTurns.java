package org.distreboot.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * One node's turn, as the manual tells it: read its boot id, run its draincmd and rebootcmd, wait
 * until it is back on a new boot with its healthcmd passing. The boot id before is in history
 * before anything touches the node: the proof of exactly one reboot. In a batch several turns run
 * side by side ({@link Batch}). Workflow code: deterministic.
 */
final class NodeTurns implements Batch.Turns {
    private final Run run;
    private final Batch batch;
    private final ClusterLooks looks;
    private final ContinueAsNew continuation;
    private final OperatorHolds holds;
    private final BlockedTurns blocks;
    private final FailureBudget failures;

    NodeTurns(Run run, Batch batch, ClusterLooks looks, ContinueAsNew continuation, OperatorHolds holds,
              BlockedTurns blocks, FailureBudget failures) {
        this.run = run;
        this.batch = batch;
        this.looks = looks;
        this.continuation = continuation;
        this.holds = holds;
        this.blocks = blocks;
        this.failures = failures;
    }

    /**
     * A serial run's turn of {@code node}; returns the look that found the cluster whole after it,
     * or null. The boot id is the one in its fresh heartbeat when {@code last} read it (its daemon
     * runs that boot: a reboot ends the daemon that posted it), else read from the node.
     */
    Verdict take(String node, Verdict last) {
        if (node.equals(last.next()) && last.nextBootId() != null) {
            return fromBootId(node, last.nextBootId());
        }
        return fromBootId(node);
    }

    /** A batch's turn of {@code node}, from the start. */
    @Override
    public Verdict take(String node) {
        return fromBootId(node);
    }

    /** A turn the previous run of this workflow left in flight, taken up where it was. */
    @Override
    public Verdict takeUp(String node) {
        String bootIdBefore = status().node(node).map(NodeStatus::bootIdBefore).orElse(null);
        return bootIdBefore == null ? fromBootId(node) : awaitRejoin(node, bootIdBefore);
    }

    private Verdict fromBootId(String node) {
        Optional<String> bootIdBefore = readBootId(node);
        return bootIdBefore.isEmpty() ? null : fromBootId(node, bootIdBefore.get());
    }

    private Verdict fromBootId(String node, String bootIdBefore) {
        run.update(waits(status().withNode(node, n -> n.draining(bootIdBefore)), "draincmd, then rebootcmd, on " + node));
        return drainAndReboot(node, bootIdBefore) ? awaitRejoin(node, bootIdBefore) : null;
    }

    private Optional<String> readBootId(String node) {
        while (true) {
            continuation.parkIfDue();
            NodeActivities activities = Run.node(StepOptions.bootId(run.request(), node, "read the boot id of " + node));
            Promise<String> bootId = untilOperatorActs(node, true, () -> Async.function(activities::bootId));
            if (bootId == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(bootId.get());
            } catch (ActivityFailure failure) {
                stall(node, "could not read the boot id of " + node + ": " + Failures.describe(failure));
                continuation.ifDue();
            }
        }
    }

    /** Once the drain began the reboot follows, even after a cancel; false when blockcmd said no (nothing touched). */
    private boolean drainAndReboot(String node, String bootIdBefore) {
        NodeActivities activities = Run.node(StepOptions.drainAndReboot(run.request(), node,
                "drain and reboot " + node));
        batch.touching(node);
        Promise<?> done = untilOperatorActs(node, false,
                () -> Async.function(activities::drainAndReboot, bootIdBefore));
        batch.untouched(node);
        try {
            if (done != null) {
                done.get();
                blocks.cleared();
            }
        } catch (ActivityFailure failure) {
            if (blocks.held(node, failure)) {
                return false;
            }
            stall(node, Failures.command(failure) + " failed on " + node + ": " + Failures.describe(failure));
        }
        return true;
    }

    /**
     * Waits until the node runs a new boot, passes its healthcmd and shows a fresh heartbeat, and the
     * cluster is whole again; returns that last look, or null when the operator interrupted, the node
     * failed (reboot.max-failed) or the run settled after it (the next turn looks again). Past
     * reboot.timeout a run that stalls keeps waiting: the call stays queued on the node, so its new
     * daemon's first poll ends the wait. (The deadline is the run's timer: as the call's own bound,
     * the test server let a call retrying in the queue outlive it.) In a batch, the node being back
     * ends its turn: the batch looks at the cluster once all its nodes are.
     */
    private Verdict awaitRejoin(String node, String bootIdBefore) {
        run.update(waits(status().withNode(node, n -> n.in(NodeState.REJOINING)),
                node + " to come back on a new boot with its healthcmd passing"));
        Instant deadline = status().node(node).map(NodeStatus::startedAt).orElse(Run.now())
                .plus(run.request().rebootTimeout());
        while (!run.operatorInterrupts(node, true)) {
            continuation.parkIfDue();
            NodeActivities activities = Run.node(StepOptions.rejoin(run.request(), node, "wait for " + node + " to rejoin"));
            Promise<Verdict> back = Waits.callUnless(() -> run.operatorInterrupts(node, true),
                    () -> Async.function(activities::rejoin, looks.look(node, bootIdBefore)),
                    status().phase() == Phase.RUNNING ? deadline : null, "reboot.timeout of " + node,
                    () -> timedOut(node));
            if (back == null) {
                return null;
            }
            try {
                Verdict verdict = back.get();
                if (run.batched()) {
                    run.update(status().withNode(node, n -> n.back(verdict, Run.now())));
                    return verdict;
                }
                Verdict whole = verdict.whole() ? verdict : looks.awaitWhole(node, bootIdBefore, deadline);
                if (whole != null) {
                    run.update(status().running().withNode(node, n -> n.back(verdict, Run.now()))
                            .turnOf(null).waiting("the next node's turn"));
                    if (holds.settleAfter(List.of(node))) {
                        return null;
                    }
                }
                return whole;
            } catch (ActivityFailure failure) {
                stall(node, node + " is not back: " + Failures.describe(failure));
                continuation.ifDue();
            }
        }
        return null;
    }

    /** Past reboot.timeout: the node fails while reboot.max-failed allows (the run goes on), else the run stalls. */
    private void timedOut(String node) {
        String why = node + " is not back after " + Durations.format(run.request().rebootTimeout())
                + " (no new boot with a passing healthcmd)";
        if (!failures.leaveOut(node, why)) {
            stall(node, why);
        }
    }

    private void stall(String node, String why) {
        if (run.batched()) {
            batch.stalled(node, why);
        }
        run.stall(why);
    }

    /** Runs a call to a node, unless the operator drops it (or cancels, when {@code cancellable}) first. */
    private <R> Promise<R> untilOperatorActs(String node, boolean cancellable, Functions.Func<Promise<R>> call) {
        return Waits.callUnless(() -> run.operatorInterrupts(node, cancellable), call, null, null, null);
    }

    /** What the run waits for, said per node one at a time; a batch says it once for all its nodes. */
    private RebootStatus waits(RebootStatus changed, String what) {
        return run.batched() ? changed : changed.waiting(what);
    }

    private RebootStatus status() {
        return run.status();
    }
}
