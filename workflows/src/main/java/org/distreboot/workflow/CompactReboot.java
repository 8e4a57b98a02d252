package org.distreboot.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The manual's distributed reboot in a history that stays small at any size and length: fix the
 * plan once, then, one node at a time (or in batches of different quorum groups) and the master
 * last, read its boot id, drain and reboot it, and wait until it rejoined and the cluster is whole.
 * Every look is a verdict of a few lines; a long wait continues as new, carrying the exact state.
 * Versions are asked as the run begins: a marker first asked in a wait could land in a task an update's handler ran.
 */
final class CompactReboot implements Batch.Turns {
    /** Events after which a run continues as new, whatever Temporal suggests, unless the request sets it. */
    static final int EVENT_BUDGET = 4_000;

    private final Run run;
    /** Version 1 of "longer-looks-when-long": a long wait looks less often. */
    private final boolean longerLooks;
    private String plan;
    /** Version 1 of "parallel-batches": this run goes in batches. */
    private boolean batched;
    private final Batch batch;
    /** reboot.grace, reboot.settle, window.* ("operator-holds", asked only when one is set), and --pause. */
    private final OperatorHolds holds;
    /** Version 2 of "compact-history": the result has its nodes packed, a few kilobytes at any size. */
    private final boolean packsResult;
    private final BlockedTurns blocks;
    private final FailureBudget failures;

    CompactReboot(Run run, boolean packsResult, boolean pausable, boolean blockable) {
        this.run = run;
        this.packsResult = packsResult;
        this.blocks = new BlockedTurns(run, blockable);
        this.batch = new Batch(run);
        run.searchable().keepLastNodeBetweenTurns();
        this.longerLooks = Workflow.getVersion("longer-looks-when-long", Workflow.DEFAULT_VERSION, 1) == 1;
        this.holds = new OperatorHolds(run, run.request().holds()
                ? Workflow.getVersion("operator-holds", Workflow.DEFAULT_VERSION, 2) : Workflow.DEFAULT_VERSION, pausable);
        this.failures = new FailureBudget(run);
    }

    RebootStatus reboot() {
        Verdict verdict = run.request().carried() == null ? start() : resume(run.request().carried());
        run.applyEarlyCancel();
        verdict = holds.grace() ? null : verdict;
        if (batched) {
            return inBatches(verdict);
        }
        while (status().phase().active()) {
            if (status().cancelRequested()) {
                run.finish(Phase.CANCELLED, run.cancelReason());
                break;
            }
            if (status().current() != null) {
                verdict = resumeTurn(status().current());
                continue;
            }
            if (holds.beforeTurn()) {
                verdict = null;
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
        run.awaitHandlersAndNotices();
        return packsResult ? status().asResult() : status();
    }

    /** Fixes the plan and checks the preconditions on it ({@link RunStart}); null when nothing is left to do. */
    private Verdict start() {
        plan = Workflow.getInfo().getRunId();
        Plan fixed = RunStart.fix(run, plan);
        if (fixed == null) {
            return null;
        }
        batched = goesInBatches(fixed.groups() != null);
        run.update(status());
        return fixed.verdict();
    }

    private Verdict resume(CarriedRun carried) {
        plan = carried.plan();
        batched = goesInBatches(carried.groups() != null);
        run.update(carried.status());
        return null;
    }

    private boolean goesInBatches(boolean grouped) {
        return (grouped || run.request().batchSize() > 1)
                && Workflow.getVersion("parallel-batches", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * The run in batches: a batch starts only when the cluster is whole (so no group has a member
     * down), takes at most reboot.parallel nodes and at most one of a group, and ends when each of
     * its nodes is back (or dropped). A batch the previous run left in flight is taken up first.
     */
    private RebootStatus inBatches(Verdict first) {
        Verdict verdict = first;
        while (status().phase().active()) {
            if (status().cancelRequested()) {
                run.finish(Phase.CANCELLED, run.cancelReason());
                break;
            }
            if (!status().inFlight().isEmpty()) {
                List<String> resumed = status().inFlight();
                batch.run(resumed, true, this);
                holds.settleAfter(resumed);
                verdict = null;
                continue;
            }
            if (holds.beforeTurn()) {
                verdict = null;
                continue;
            }
            if (verdict == null || !verdict.whole()) {
                verdict = awaitWhole(null, null, Run.now().plus(run.request().rebootTimeout()));
                continue;
            }
            List<String> masters = verdict.allMasters();
            List<String> next = Planner.batch(status(), masters, run.request().batchSize());
            if (next.isEmpty()) {
                run.finish(Phase.COMPLETED, null);
                break;
            }
            RebootStatus starting = status().running()
                    .planned(Planner.order(status().withState(NodeState.PENDING), masters), verdict.master())
                    .turnOf(String.join(", ", next))
                    .waiting("the batch " + String.join(", ", next) + ": each node's boot id, draincmd and rebootcmd,"
                            + " and its return");
            for (String node : next) {
                starting = starting.withNode(node, n -> n.started(Run.now()));
            }
            run.update(starting);
            batch.run(next, false, this);
            holds.settleAfter(next);
            verdict = null;
            continueAsNewIfDue();
        }
        run.awaitHandlersAndNotices();
        return packsResult ? status().asResult() : status();
    }

    @Override
    public void take(String node) {
        fromBootId(node);
    }

    @Override
    public void takeUp(String node) {
        resumeTurn(node);
    }

    private void stall(String node, String why) {
        if (batched) {
            batch.stalled(node);
        }
        run.stall(why);
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
        run.update(waits(status().withNode(node, n -> n.draining(bootIdBefore)), "draincmd, then rebootcmd, on " + node));
        return drainAndReboot(node, bootIdBefore) ? awaitRejoin(node, bootIdBefore) : null;
    }

    private Optional<String> readBootId(String node) {
        while (true) {
            parkIfContinuingAsNew();
            NodeActivities activities = Run.node(StepOptions.bootId(run.request(), node, "read the boot id of " + node));
            Promise<String> bootId = untilOperatorActs(node, true, () -> Async.function(activities::bootId));
            if (bootId == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(bootId.get());
            } catch (ActivityFailure failure) {
                stall(node, "could not read the boot id of " + node + ": " + Failures.describe(failure));
                continueAsNewIfDue();
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
     * the test server let a call retrying in the queue outlive it.)
     */
    private Verdict awaitRejoin(String node, String bootIdBefore) {
        run.update(waits(status().withNode(node, n -> n.in(NodeState.REJOINING)),
                node + " to come back on a new boot with its healthcmd passing"));
        Instant deadline = status().node(node).map(NodeStatus::startedAt).orElse(Run.now())
                .plus(run.request().rebootTimeout());
        while (!run.operatorInterrupts(node, true)) {
            parkIfContinuingAsNew();
            NodeActivities activities = Run.node(StepOptions.rejoin(run.request(), node, "wait for " + node + " to rejoin"));
            Promise<Verdict> back = Waits.callUnless(() -> run.operatorInterrupts(node, true),
                    () -> Async.function(activities::rejoin, look(node, bootIdBefore)),
                    status().phase() == Phase.RUNNING ? deadline : null, "reboot.timeout of " + node,
                    () -> timedOut(node));
            if (back == null) {
                return null;
            }
            try {
                Verdict verdict = back.get();
                if (batched) {
                    run.update(status().withNode(node, n -> n.back(verdict, Run.now())));
                    return verdict;
                }
                Verdict whole = verdict.whole() ? verdict : awaitWhole(node, bootIdBefore, deadline);
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
                continueAsNewIfDue();
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
                Planner.next(status(), status().master()).orElse(null), status().withState(NodeState.FAILED));
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
        if (continueAsNewDue() && !batch.running()) {
            continueAsNew();
        }
    }

    @Override
    public boolean continueAsNewDue() {
        return run.historyFull(EVENT_BUDGET);
    }

    /**
     * A turn of a batch about to call its node waits here, calling nothing, once the run is due to
     * continue as new: the coordinator does so when no turn is touching its node, and the carried
     * state makes the next run call again. Never between a node's boot id and its drain-and-reboot
     * call: a run that takes up a node with a boot id before waits for its return.
     */
    private void parkIfContinuingAsNew() {
        if (batch.running() && continueAsNewDue()) {
            Workflow.await(() -> false);
        }
    }

    /** Within a batch only its coordinator continues as new: a turn's own loop leaves it to it. */
    @Override
    public void continueAsNew() {
        run.awaitHandlersAndNotices();
        Workflow.continueAsNew(run.request().carrying(CarriedRun.of(plan, status())));
    }

    /** What the run waits for, said per node one at a time; a batch says it once for all its nodes. */
    private RebootStatus waits(RebootStatus changed, String what) {
        return batched ? changed : changed.waiting(what);
    }

    private RebootStatus status() {
        return run.status();
    }
}
