package org.distreboot.workflow.legacy;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.Failures;
import org.distreboot.workflow.Planner;
import org.distreboot.workflow.Run;
import org.distreboot.workflow.StepOptions;
import org.distreboot.workflow.Waits;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The body of the runs begun before "compact-history", kept as it was so that they replay and
 * finish as they began: every look at the cluster reads every heartbeat, and each node's turn is
 * four node calls. New runs take {@code CompactReboot}. Do not change what this class emits; when
 * it may be deleted is in docs/legacy.md.
 */
public final class LegacyReboot {
    private final Run run;

    public LegacyReboot(Run run) {
        this.run = run;
    }

    public RebootStatus reboot() {
        run.update(run.request().resume() != null ? run.request().resume() : checkPreconditions());
        run.applyEarlyCancel();
        while (status().phase().active()) {
            if (status().cancelRequested()) {
                run.finish(Phase.CANCELLED, run.cancelReason());
                break;
            }
            Optional<ClusterSnapshot> whole = awaitClusterWhole(null, null,
                    Run.now().plus(run.request().rebootTimeout()));
            if (whole.isEmpty()) {
                continue;
            }
            Optional<String> next = Planner.next(status(), whole.get());
            if (next.isEmpty()) {
                run.finish(Phase.COMPLETED, null);
                break;
            }
            rebootNode(next.get(), whole.get());
            continueAsNewIfSuggested();
        }
        run.awaitHandlersAndNotices();
        return status();
    }

    private RebootStatus status() {
        return run.status();
    }

    private RebootStatus checkPreconditions() {
        ClusterSnapshot snapshot = cluster("read the node heartbeats").snapshot();
        List<String> nodes = snapshot.nodes().stream().map(NodeHeartbeat::node).toList();
        run.set(RebootStatus.start(run.request().cluster(), run.request().requestedBy(),
                Planner.order(snapshot, nodes), Planner.master(snapshot, nodes).orElse(null), Run.now()));
        List<String> blockers = Planner.preconditions(snapshot);
        if (!blockers.isEmpty()) {
            String refusal = "refused: " + String.join("; ", blockers);
            run.finish(Phase.FAILED, refusal);
            throw ApplicationFailure.newNonRetryableFailure(refusal, "PreconditionFailed");
        }
        return status();
    }

    private void rebootNode(String node, ClusterSnapshot snapshot) {
        run.update(status().running()
                .planned(Planner.order(snapshot, status().withState(NodeState.PENDING)),
                        Planner.master(snapshot, status().members()).orElse(null))
                .turnOf(node)
                .withNode(node, n -> n.started(Run.now()))
                .waiting("the boot id of " + node));
        Optional<String> bootIdBefore = readBootId(node);
        if (bootIdBefore.isEmpty()) {
            return;
        }
        run.update(status().withNode(node, n -> n.draining(bootIdBefore.get())).waiting("draincmd on " + node));
        if (drain(node, bootIdBefore.get())) {
            run.update(status().withNode(node, n -> n.in(NodeState.REBOOTING)).waiting("rebootcmd on " + node));
            reboot(node, bootIdBefore.get());
        }
        awaitRejoin(node, bootIdBefore.get());
    }

    private Optional<String> readBootId(String node) {
        while (true) {
            LegacyNodeActivities activities = node(StepOptions.nodeCall(run.request(), node, "read the boot id of " + node));
            Promise<String> bootId = untilOperatorActs(node, true, () -> Async.function(activities::bootId));
            if (bootId == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(bootId.get());
            } catch (ActivityFailure failure) {
                run.stall("could not read the boot id of " + node + ": " + Failures.describe(failure));
            }
        }
    }

    private boolean drain(String node, String bootIdBefore) {
        LegacyNodeActivities activities = node(StepOptions.drain(run.request(), node, "drain " + node));
        return runOnNode(node, "draincmd", () -> Async.procedure(activities::drain, bootIdBefore));
    }

    private boolean reboot(String node, String bootIdBefore) {
        LegacyNodeActivities activities = node(StepOptions.nodeCall(run.request(), node, "reboot " + node));
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
            run.stall(command + " failed on " + node + ": " + Failures.describe(failure));
            return false;
        }
    }

    private void awaitRejoin(String node, String bootIdBefore) {
        run.update(status().withNode(node, n -> n.in(NodeState.REJOINING))
                .waiting(node + " to come back on a new boot with its healthcmd passing"));
        Instant deadline = status().node(node).map(NodeStatus::startedAt).orElse(Run.now())
                .plus(run.request().rebootTimeout());
        while (!run.operatorInterrupts(node, true)) {
            LegacyNodeActivities activities = node(StepOptions.rejoin(run.request(), node, "wait for " + node + " to rejoin"));
            Promise<String> bootIdAfter = Waits.callUnless(() -> run.operatorInterrupts(node, true),
                    () -> Async.function(activities::awaitRejoin, bootIdBefore),
                    status().phase() == Phase.RUNNING ? deadline : null, "reboot.timeout of " + node,
                    () -> run.stall(node + " is not back after " + Durations.format(run.request().rebootTimeout())
                            + " (no new boot with a passing healthcmd)"));
            if (bootIdAfter == null) {
                return;
            }
            try {
                String newBootId = bootIdAfter.get();
                if (awaitClusterWhole(node, bootIdBefore, deadline).isPresent()) {
                    run.update(status().running().withNode(node, n -> n.done(newBootId, Run.now())).turnOf(null)
                            .waiting("the next node's turn"));
                }
                return;
            } catch (ActivityFailure failure) {
                run.stall(node + " is not back: " + Failures.describe(failure));
            }
        }
    }

    private Optional<ClusterSnapshot> awaitClusterWhole(String node, String bootIdBefore, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            ClusterSnapshot snapshot = cluster("read the node heartbeats").snapshot();
            List<String> blockers = new ArrayList<>();
            if (node != null) {
                Planner.notBackYet(snapshot, node, bootIdBefore).ifPresent(blockers::add);
            }
            blockers.addAll(Planner.blockers(snapshot, status().members(), node == null ? Set.of() : Set.of(node)));
            if (blockers.isEmpty()) {
                return Optional.of(snapshot);
            }
            String why = String.join("; ", blockers);
            if (!Planner.claimedTwice(snapshot, status().members()).isEmpty() && status().phase() == Phase.RUNNING
                    && Workflow.getVersion("stall-when-claimed-twice", Workflow.DEFAULT_VERSION, 1) == 1) {
                run.stall(why);
            } else if (!Run.now().isBefore(deadline) && status().phase() == Phase.RUNNING) {
                run.stall("the cluster is not whole after " + Durations.format(run.request().rebootTimeout())
                        + ": " + why);
            } else if (status().phase() == Phase.RUNNING) {
                run.update(status().waiting(why));
            }
            run.pause(Planner.recheckDelay(attempt), "look at the heartbeats again: " + blockers.get(0));
            if (run.operatorInterrupts(node, true)) {
                return Optional.empty();
            }
        }
    }

    private static LegacyClusterActivities cluster(String summary) {
        return Workflow.newActivityStub(LegacyClusterActivities.class, StepOptions.cluster(summary));
    }

    private static LegacyNodeActivities node(ActivityOptions options) {
        return Workflow.newActivityStub(LegacyNodeActivities.class, options);
    }

    private <R> Promise<R> untilOperatorActs(String node, boolean cancellable, Functions.Func<Promise<R>> call) {
        return Waits.callUnless(() -> run.operatorInterrupts(node, cancellable), call, null, null, null);
    }

    private void continueAsNewIfSuggested() {
        if (Workflow.getInfo().isContinueAsNewSuggested()) {
            run.awaitHandlersAndNotices();
            Workflow.continueAsNew(run.request().resumingFrom(status()));
        }
    }
}
