package org.distreboot.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.distreboot.workflow.values.CarriedRun;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * The manual's distributed reboot in a history that stays small whatever the cluster's size and
 * however long it waits: fix the plan once, then, one node at a time and the master last, read
 * its boot id, drain and reboot it, and wait until it has rejoined and the cluster is whole, until
 * every node is done or dropped. Every look at the cluster is a verdict of a few lines; wherever
 * the run waits, it continues as new once its history passes a budget, carrying its exact state.
 */
final class CompactReboot {
    /** Events after which a run continues as new, whatever Temporal suggests, unless the request sets it. */
    static final int EVENT_BUDGET = 4_000;

    private final Run run;
    /**
     * Version 1 of "longer-looks-when-long": a long wait looks less often. Asked as the run
     * begins: asked first inside a wait, the version's marker could land in a workflow task that an
     * update's handler also ran, and replay would meet it elsewhere.
     */
    private final boolean longerLooks;
    private String plan;

    CompactReboot(Run run) {
        this.run = run;
        run.searchable().keepLastNodeBetweenTurns();
        this.longerLooks = Workflow.getVersion("longer-looks-when-long", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    RebootStatus reboot() {
        Verdict verdict = run.request().carried() == null ? start() : resume(run.request().carried());
        run.applyEarlyCancel();
        while (status().phase().active()) {
            if (status().cancelRequested()) {
                run.finish(Phase.CANCELLED, run.cancelReason());
                break;
            }
            if (status().current() != null) {
                verdict = resumeTurn(status().current());
                continue;
            }
            if (verdict == null || !verdict.whole()) {
                verdict = awaitWhole(null, null, Run.now().plus(run.request().rebootTimeout()));
                continue;
            }
            Optional<String> next = Planner.next(status(), verdict.master());
            if (next.isEmpty()) {
                run.finish(Phase.COMPLETED, null);
                break;
            }
            verdict = turn(next.get(), verdict);
            continueAsNewIfDue();
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return status();
    }

    /** Fixes the plan (the nodes with a heartbeat now) and checks the preconditions on it. */
    private Verdict start() {
        plan = Workflow.getInfo().getRunId();
        Plan fixed = run.cluster("fix the plan: the nodes with a heartbeat now").plan(plan);
        run.set(RebootStatus.start(run.request().cluster(), run.request().requestedBy(), fixed.order(),
                fixed.verdict().master(), Run.now()));
        if (!fixed.verdict().whole()) {
            String refusal = "refused: " + fixed.verdict().why();
            run.finish(Phase.FAILED, refusal);
            throw ApplicationFailure.newNonRetryableFailure(refusal, "PreconditionFailed");
        }
        run.update(status());
        return fixed.verdict();
    }

    private Verdict resume(CarriedRun carried) {
        plan = carried.plan();
        run.update(carried.status());
        return null;
    }

    /**
     * One node's turn: its boot id, draincmd and rebootcmd, then its return. The boot id is the
     * one in its fresh heartbeat when the last look read it (its daemon runs that boot: a reboot
     * ends the daemon that posted it), else read from the node.
     */
    private Verdict turn(String node, Verdict last) {
        run.update(status().running()
                .planned(Planner.order(status().withState(NodeState.PENDING), last.master()), last.master())
                .turnOf(node)
                .withNode(node, n -> n.started(Run.now()))
                .waiting("the boot id of " + node));
        if (node.equals(last.next()) && last.nextBootId() != null) {
            return fromBootId(node, last.nextBootId());
        }
        return fromBootId(node);
    }

    /** A turn the previous run of this workflow left in flight, taken up where it was. */
    private Verdict resumeTurn(String node) {
        String bootIdBefore = status().node(node).map(NodeStatus::bootIdBefore).orElse(null);
        return bootIdBefore == null ? fromBootId(node) : awaitRejoin(node, bootIdBefore);
    }

    private Verdict fromBootId(String node) {
        Optional<String> bootIdBefore = readBootId(node);
        return bootIdBefore.isEmpty() ? null : fromBootId(node, bootIdBefore.get());
    }

    /** {@code bootIdBefore} is in history before anything touches the node: the proof of exactly one reboot. */
    private Verdict fromBootId(String node, String bootIdBefore) {
        run.update(status().withNode(node, n -> n.draining(bootIdBefore))
                .waiting("draincmd, then rebootcmd, on " + node));
        drainAndReboot(node, bootIdBefore);
        return awaitRejoin(node, bootIdBefore);
    }

    private Optional<String> readBootId(String node) {
        while (true) {
            NodeActivities activities = Run.node(StepOptions.bootId(run.request(), node, "read the boot id of " + node));
            Promise<String> bootId = untilOperatorActs(node, true, () -> Async.function(activities::bootId));
            if (bootId == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(bootId.get());
            } catch (ActivityFailure failure) {
                run.stall("could not read the boot id of " + node + ": " + Failures.describe(failure));
                continueAsNewIfDue();
            }
        }
    }

    /** Once the drain has begun the reboot follows, even after a cancel: a drained node needs it. */
    private void drainAndReboot(String node, String bootIdBefore) {
        NodeActivities activities = Run.node(StepOptions.drainAndReboot(run.request(), node,
                "drain and reboot " + node));
        Promise<?> done = untilOperatorActs(node, false,
                () -> Async.function(activities::drainAndReboot, bootIdBefore));
        if (done == null) {
            return;
        }
        try {
            done.get();
        } catch (ActivityFailure failure) {
            run.stall(Failures.command(failure) + " failed on " + node + ": " + Failures.describe(failure));
        }
    }

    /**
     * Waits until the node runs a new boot, passes its healthcmd and shows a fresh heartbeat, and
     * the cluster is whole again; returns that last look, or null when the operator interrupted.
     * Past reboot.timeout the run stalls and keeps waiting: the call stays queued on the node, so
     * its new daemon's first poll ends the wait. (The deadline is a timer of the run's: as the call's
     * own schedule-to-close bound, the test server let a call retrying in the queue outlive it.)
     */
    private Verdict awaitRejoin(String node, String bootIdBefore) {
        run.update(status().withNode(node, n -> n.in(NodeState.REJOINING))
                .waiting(node + " to come back on a new boot with its healthcmd passing"));
        Instant deadline = status().node(node).map(NodeStatus::startedAt).orElse(Run.now())
                .plus(run.request().rebootTimeout());
        while (!run.operatorInterrupts(node, true)) {
            NodeActivities activities = Run.node(StepOptions.rejoin(run.request(), node, "wait for " + node + " to rejoin"));
            Promise<Verdict> back = Waits.callUnless(() -> run.operatorInterrupts(node, true),
                    () -> Async.function(activities::rejoin, look(node, bootIdBefore)),
                    status().phase() == Phase.RUNNING ? deadline : null, "reboot.timeout of " + node,
                    () -> run.stall(node + " is not back after " + Durations.format(run.request().rebootTimeout())
                            + " (no new boot with a passing healthcmd)"));
            if (back == null) {
                return null;
            }
            try {
                Verdict verdict = back.get();
                Verdict whole = verdict.whole() ? verdict : awaitWhole(node, bootIdBefore, deadline);
                if (whole != null) {
                    run.update(status().running().withNode(node, n -> n.done(verdict.bootId(), Run.now()))
                            .turnOf(null).waiting("the next node's turn"));
                }
                return whole;
            } catch (ActivityFailure failure) {
                run.stall(node + " is not back: " + Failures.describe(failure));
                continueAsNewIfDue();
            }
        }
        return null;
    }

    /**
     * Looks at the heartbeats until every member has a fresh one, is ready and the cluster is in
     * quorum (and, after a reboot, until {@code node}'s new daemon shows); stalls past {@code
     * deadline}, or at once when a node name is claimed by two hosts. Null when the operator
     * interrupted: a cancel, or a drop of {@code node}. A long wait looks less often (version 1
     * of "longer-looks-when-long"; before it, every 30 s for ever).
     */
    private Verdict awaitWhole(String node, String bootIdBefore, Instant deadline) {
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
            continueAsNewIfDue();
        }
    }

    private Look look(String node, String bootIdBefore) {
        return new Look(plan, status().withState(NodeState.DROPPED), node, bootIdBefore,
                Planner.next(status(), status().master()).orElse(null));
    }

    /** Runs a call to a node, unless the operator drops it (or cancels, when {@code cancellable}) first. */
    private <R> Promise<R> untilOperatorActs(String node, boolean cancellable, Functions.Func<Promise<R>> call) {
        return Waits.callUnless(() -> run.operatorInterrupts(node, cancellable), call, null, null, null);
    }

    /**
     * Continues as new once Temporal suggests it or the history passes the budget, wherever the
     * run is (never with a node call in flight): handlers finish first, and the state goes along.
     */
    private void continueAsNewIfDue() {
        WorkflowInfo info = Workflow.getInfo();
        int budget = run.request().eventBudget() > 0 ? run.request().eventBudget() : EVENT_BUDGET;
        if (!info.isContinueAsNewSuggested() && info.getHistoryLength() < budget) {
            return;
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(run.request().carrying(CarriedRun.of(plan, status())));
    }

    private RebootStatus status() {
        return run.status();
    }
}
