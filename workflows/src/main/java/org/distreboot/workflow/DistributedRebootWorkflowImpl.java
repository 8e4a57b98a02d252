package org.distreboot.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.slf4j.Logger;

/**
 * The manual's distributed reboot: check the preconditions, then, one node at a time and
 * the master last, drain it, reboot it and wait until it has rejoined, until every node is
 * done or dropped. Decisions are the {@link Planner}'s; this class only sequences.
 */
public class DistributedRebootWorkflowImpl implements DistributedRebootWorkflow {
    private static final Logger log = Workflow.getLogger(DistributedRebootWorkflowImpl.class);

    private final SearchableRun searchable = new SearchableRun();
    private RebootRequest request;
    private RebootStatus status;
    private String cancelledBeforeStartBy;
    /** Bumped by every operator action, so that every wait wakes up and looks again. */
    private int operatorActions;

    @Override
    public RebootStatus reboot(RebootRequest request) {
        this.request = request;
        update(request.resume() != null ? request.resume() : checkPreconditions());
        if (cancelledBeforeStartBy != null) {
            update(status.cancelRequestedBy(cancelledBeforeStartBy));
        }
        while (status.phase().active()) {
            if (status.cancelRequested()) {
                finish(Phase.CANCELLED, cancelReason());
                break;
            }
            Optional<ClusterSnapshot> whole = awaitClusterWhole(null, null, now().plus(request.rebootTimeout()));
            if (whole.isEmpty()) {
                continue;
            }
            Optional<String> next = Planner.next(status, whole.get());
            if (next.isEmpty()) {
                finish(Phase.COMPLETED, null);
                break;
            }
            rebootNode(next.get(), whole.get());
            continueAsNewIfSuggested();
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return status;
    }

    private RebootStatus checkPreconditions() {
        ClusterSnapshot snapshot = cluster("read the node heartbeats").snapshot();
        List<String> nodes = snapshot.nodes().stream().map(NodeHeartbeat::node).toList();
        status = RebootStatus.start(request.cluster(), request.requestedBy(), Planner.order(snapshot, nodes),
                Planner.master(snapshot, nodes).orElse(null), now());
        List<String> blockers = Planner.preconditions(snapshot);
        if (!blockers.isEmpty()) {
            String refusal = "refused: " + String.join("; ", blockers);
            finish(Phase.FAILED, refusal);
            throw ApplicationFailure.newNonRetryableFailure(refusal, "PreconditionFailed");
        }
        return status;
    }

    /** One node's turn: drain, reboot, wait until it has rejoined (or the operator decides). */
    private void rebootNode(String node, ClusterSnapshot snapshot) {
        update(status.running()
                .planned(Planner.order(snapshot, status.withState(NodeState.PENDING)),
                        Planner.master(snapshot, status.members()).orElse(null))
                .turnOf(node)
                .withNode(node, n -> n.started(now()))
                .waiting("the boot id of " + node));
        // Recorded in history before anything touches the node: the proof of exactly one reboot.
        Optional<String> bootIdBefore = readBootId(node);
        if (bootIdBefore.isEmpty()) {
            return;
        }
        update(status.withNode(node, n -> n.draining(bootIdBefore.get())).waiting("draincmd on " + node));
        if (drain(node, bootIdBefore.get())) {
            update(status.withNode(node, n -> n.in(NodeState.REBOOTING)).waiting("rebootcmd on " + node));
            reboot(node, bootIdBefore.get());
        }
        awaitRejoin(node, bootIdBefore.get());
    }

    private Optional<String> readBootId(String node) {
        while (true) {
            NodeActivities activities = node(StepOptions.nodeCall(request, node, "read the boot id of " + node));
            Promise<String> bootId = untilOperatorActs(node, true, () -> Async.function(activities::bootId));
            if (bootId == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(bootId.get());
            } catch (ActivityFailure failure) {
                stall("could not read the boot id of " + node + ": " + Failures.describe(failure));
            }
        }
    }

    /** Once a drain has begun the reboot follows, even after a cancel: a drained node needs it. */
    private boolean drain(String node, String bootIdBefore) {
        NodeActivities activities = node(StepOptions.drain(request, node, "drain " + node));
        return runOnNode(node, "draincmd", () -> Async.procedure(activities::drain, bootIdBefore));
    }

    private boolean reboot(String node, String bootIdBefore) {
        NodeActivities activities = node(StepOptions.nodeCall(request, node, "reboot " + node));
        return runOnNode(node, "rebootcmd", () -> Async.function(activities::reboot, bootIdBefore));
    }

    private <R> boolean runOnNode(String node, String command, Functions.Func<Promise<R>> call) {
        Promise<R> done = untilOperatorActs(node, false, call);
        if (done == null) {
            return false;
        }
        try {
            done.get();
            return true;
        } catch (ActivityFailure failure) {
            stall(command + " failed on " + node + ": " + Failures.describe(failure));
            return false;
        }
    }

    /**
     * Waits until the node runs a new boot, passes its healthcmd, posts a fresh heartbeat,
     * and the cluster is whole again. Past reboot.timeout the run stalls and keeps waiting:
     * the rejoin call stays queued on the node, so its new daemon's first poll ends the wait.
     */
    private void awaitRejoin(String node, String bootIdBefore) {
        update(status.withNode(node, n -> n.in(NodeState.REJOINING))
                .waiting(node + " to come back on a new boot with its healthcmd passing"));
        Instant deadline = status.node(node).map(NodeStatus::startedAt).orElse(now()).plus(request.rebootTimeout());
        while (!operatorInterrupts(node, true)) {
            NodeActivities activities = node(StepOptions.rejoin(request, node, "wait for " + node + " to rejoin"));
            Promise<String> bootIdAfter = Waits.callUnless(() -> operatorInterrupts(node, true),
                    () -> Async.function(activities::awaitRejoin, bootIdBefore),
                    status.phase() == Phase.RUNNING ? deadline : null, "reboot.timeout of " + node,
                    () -> stall(node + " is not back after " + Durations.format(request.rebootTimeout())
                            + " (no new boot with a passing healthcmd)"));
            if (bootIdAfter == null) {
                return;
            }
            try {
                String newBootId = bootIdAfter.get();
                if (awaitClusterWhole(node, bootIdBefore, deadline).isPresent()) {
                    update(status.running().withNode(node, n -> n.done(newBootId, now())).turnOf(null)
                            .waiting("the next node's turn"));
                }
                return;
            } catch (ActivityFailure failure) {
                stall(node + " is not back: " + Failures.describe(failure));
            }
        }
    }

    /**
     * Waits until every member has a fresh heartbeat, is ready and the cluster is in quorum
     * (and, after a reboot, until {@code node}'s new daemon shows in the heartbeats). Empty when
     * the operator interrupted: a cancel, or a drop of {@code node}.
     */
    private Optional<ClusterSnapshot> awaitClusterWhole(String node, String bootIdBefore, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            ClusterSnapshot snapshot = cluster("read the node heartbeats").snapshot();
            List<String> blockers = new ArrayList<>();
            if (node != null) {
                Planner.notBackYet(snapshot, node, bootIdBefore).ifPresent(blockers::add);
            }
            blockers.addAll(Planner.blockers(snapshot, status.members(), node == null ? Set.of() : Set.of(node)));
            if (blockers.isEmpty()) {
                return Optional.of(snapshot);
            }
            String why = String.join("; ", blockers);
            if (!Planner.claimedTwice(snapshot, status.members()).isEmpty() && status.phase() == Phase.RUNNING
                    && Workflow.getVersion("stall-when-claimed-twice", Workflow.DEFAULT_VERSION, 1) == 1) {
                stall(why);
            } else if (!now().isBefore(deadline) && status.phase() == Phase.RUNNING) {
                stall("the cluster is not whole after " + Durations.format(request.rebootTimeout()) + ": " + why);
            } else if (status.phase() == Phase.RUNNING) {
                update(status.waiting(why));
            }
            pause(Planner.recheckDelay(attempt), "look at the heartbeats again: " + blockers.get(0));
            if (operatorInterrupts(node, true)) {
                return Optional.empty();
            }
        }
    }

    /** Runs a call to a node, unless the operator drops it (or cancels, when {@code cancellable}) first. */
    private <R> Promise<R> untilOperatorActs(String node, boolean cancellable, Functions.Func<Promise<R>> call) {
        return Waits.callUnless(() -> operatorInterrupts(node, cancellable), call, null, null, null);
    }

    private boolean operatorInterrupts(String node, boolean cancellable) {
        return (cancellable && status.cancelRequested()) || (node != null && status.isDropped(node));
    }

    /** A timer with a summary for the UI, cut short by any operator action. */
    private void pause(Duration duration, String summary) {
        int actionsSeen = operatorActions;
        Waits.pause(duration, summary, () -> operatorActions != actionsSeen);
    }

    @Override
    public void cancel(CancelRequest request) {
        if (status == null) {
            cancelledBeforeStartBy = request.by();
            return;
        }
        if (status.phase().active() && !status.cancelRequested()) {
            log.info("cancel requested by {}: {}", request.by(), request.reason());
            update(status.cancelRequestedBy(request.by()));
            operatorActions++;
        }
    }

    @Override
    public void validateDrop(DropRequest request) {
        Planner.dropRefusal(status, request).ifPresent(refusal -> {
            throw ApplicationFailure.newFailure(refusal.message(), refusal.type());
        });
    }

    @Override
    public DropResult drop(DropRequest request) {
        boolean wasCurrent = request.node().equals(status.current());
        String why = "dropped by " + request.by() + (request.reason() == null ? "" : ": " + request.reason());
        log.info("{} {}", request.node(), why);
        update(status.withNode(request.node(), n -> n.dropped(why, now())).turnOf(wasCurrent ? null : status.current()));
        operatorActions++;
        // The heartbeat row is the command's to remove, run or no run; runs begun before did it here.
        if (Workflow.getVersion("drop-leaves-heartbeat-to-command", Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            cluster("drop the heartbeat of " + request.node()).dropHeartbeat(request.node());
        }
        return new DropResult(request.node(), wasCurrent);
    }

    @Override
    public RebootStatus status() {
        return status;
    }

    private void stall(String why) {
        log.info("stalled: {}", why);
        update(status.stalled(why));
    }

    private void finish(Phase end, String why) {
        update(status.finished(end, why, now()));
    }

    private String cancelReason() {
        List<String> inFlight = status.nodes().stream().filter(n -> n.state().inFlight()).map(NodeStatus::node).toList();
        return "cancelled by " + status.cancelledBy()
                + (inFlight.isEmpty() ? "" : "; " + String.join(", ", inFlight) + " left to come back on its own");
    }

    private void continueAsNewIfSuggested() {
        if (Workflow.getInfo().isContinueAsNewSuggested()) {
            Workflow.await(Workflow::isEveryHandlerFinished);
            Workflow.continueAsNew(request.resumingFrom(status));
        }
    }

    private void update(RebootStatus next) {
        status = next;
        Workflow.setCurrentDetails(StatusText.details(next));
        searchable.show(next);
    }

    private ClusterActivities cluster(String summary) {
        return Workflow.newActivityStub(ClusterActivities.class, StepOptions.cluster(summary));
    }

    private static NodeActivities node(ActivityOptions options) {
        return Workflow.newActivityStub(NodeActivities.class, options);
    }

    private static Instant now() {
        return Waits.now();
    }
}
