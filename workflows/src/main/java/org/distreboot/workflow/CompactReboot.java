package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import java.util.List;
import org.distreboot.workflow.values.CarriedRun;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * The manual's distributed reboot in a history that stays small at any size and length: fix the
 * plan once, then, one node at a time (or in batches of different quorum groups) and the master
 * last, read its boot id, drain and reboot it, and wait until it rejoined and the cluster is whole.
 * What comes next is always {@link Planner#step}; this loop carries it out. Every look is a verdict
 * of a few lines; a long wait continues as new, carrying the exact state. Versions are asked as
 * the run begins: a marker first asked in a wait could land in a task an update's handler ran.
 */
final class CompactReboot {
    private final Run run;
    private final CompactHistory version;
    private final Batch batch;
    private final ContinueAsNew continuation;
    /** reboot.grace, reboot.settle, window.* ("operator-holds", asked only when one is set), and --pause. */
    private final OperatorHolds holds;
    private final ClusterLooks looks;
    private final NodeTurns turns;

    CompactReboot(Run run, CompactHistory version) {
        this.run = run;
        this.version = version;
        BlockedTurns blocks = new BlockedTurns(run, version.waitsOnBlockcmd());
        this.batch = new Batch(run);
        this.continuation = new ContinueAsNew(run, batch);
        run.searchable().keepLastNodeBetweenTurns();
        boolean longerLooks = Workflow.getVersion("longer-looks-when-long", Workflow.DEFAULT_VERSION, 1) == 1;
        this.looks = new ClusterLooks(run, longerLooks, continuation);
        this.holds = new OperatorHolds(run, run.request().holds()
                ? Workflow.getVersion("operator-holds", Workflow.DEFAULT_VERSION, 2) : Workflow.DEFAULT_VERSION,
                version.pausable());
        this.turns = new NodeTurns(run, batch, looks, continuation, holds, blocks, new FailureBudget(run));
    }

    RebootStatus reboot() {
        Verdict verdict = run.request().carried() == null ? start() : resume(run.request().carried());
        run.applyEarlyCancel();
        verdict = holds.grace() ? null : verdict;
        while (status().phase().active()) {
            Step step = Planner.step(status(), verdict, holds.beforeTurn(), run.batched(), run.request().batchSize());
            verdict = switch (step.kind()) {
                case CANCEL -> finish(Phase.CANCELLED, run.cancelReason());
                case TAKE_UP -> takeUp(step.nodes());
                case HOLD -> keep(step);
                case AWAIT_WHOLE -> looks.awaitWhole(null, null, Run.now().plus(run.request().rebootTimeout()));
                case TURN -> turn(step.nodes(), verdict);
                case COMPLETE -> finish(Phase.COMPLETED, null);
            };
        }
        run.awaitHandlersAndNotices();
        return version.packsResult() ? status().asResult() : status();
    }

    /** Fixes the plan and checks the preconditions on it ({@link RunStart}); null when nothing is left to do. */
    private Verdict start() {
        String plan = Workflow.getInfo().getRunId();
        Plan fixed = RunStart.fix(run, plan);
        if (fixed == null) {
            return null;
        }
        run.fix(plan, goesInBatches(fixed.groups() != null));
        run.update(status());
        return fixed.verdict();
    }

    private Verdict resume(CarriedRun carried) {
        run.fix(carried.plan(), goesInBatches(carried.groups() != null));
        run.update(carried.status());
        return null;
    }

    private boolean goesInBatches(boolean grouped) {
        return (grouped || run.request().batchSize() > 1)
                && Workflow.getVersion("parallel-batches", Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * The turn of {@code nodes}: one node's, which ends when the cluster is whole after it, or a
     * batch's, side by side, each ending when its node is back (or dropped); the next step looks.
     */
    private Verdict turn(List<String> nodes, Verdict last) {
        Verdict verdict;
        if (run.batched()) {
            run.update(batchStarts(nodes, last));
            verdict = inBatch(nodes, false);
        } else {
            String node = nodes.get(0);
            run.update(status().running()
                    .planned(Planner.order(status().withState(NodeState.PENDING), last.master()), last.master())
                    .turnOf(node)
                    .withNode(node, n -> n.started(Run.now()))
                    .waiting("the boot id of " + node));
            verdict = turns.take(node, last);
        }
        continuation.ifDue();
        return verdict;
    }

    private RebootStatus batchStarts(List<String> nodes, Verdict last) {
        RebootStatus starting = status().running()
                .planned(Planner.order(status().withState(NodeState.PENDING), last.allMasters()), last.master())
                .turnOf(String.join(", ", nodes))
                .waiting("the batch " + String.join(", ", nodes) + ": each node's boot id, draincmd and rebootcmd,"
                        + " and its return");
        for (String node : nodes) {
            starting = starting.withNode(node, n -> n.started(Run.now()));
        }
        return starting;
    }

    /** The turns the previous run of this workflow left in flight (its current node, or its batch), taken up. */
    private Verdict takeUp(List<String> nodes) {
        return run.batched() ? inBatch(nodes, true) : turns.takeUp(nodes.get(0));
    }

    /** A batch's turns side by side, then reboot.settle after them; the next step looks at the cluster. */
    private Verdict inBatch(List<String> nodes, boolean resumed) {
        batch.run(nodes, resumed, turns, continuation);
        holds.settleAfter(nodes);
        return null;
    }

    /** The operator's hold on the next turn, waited out; the next step looks at the cluster again. */
    private Verdict keep(Step step) {
        holds.keep(step.hold());
        return null;
    }

    private Verdict finish(Phase end, String why) {
        run.finish(end, why);
        return null;
    }

    private RebootStatus status() {
        return run.status();
    }
}
