package org.distreboot.workflow;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.legacy.LegacyDrop;
import org.distreboot.workflow.legacy.LegacyReboot;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.slf4j.Logger;

/**
 * The manual's distributed reboot: check the preconditions, then, one node at a time and the
 * master last, drain it, reboot it and wait until it has rejoined, until every node is done or
 * dropped. The body is {@link CompactReboot}, as the version of "compact-history" the run began
 * with says ({@link CompactHistory}); runs begun before it go on in {@link LegacyReboot}, as they
 * began. The handlers here are the operator's: cancel, pause, resume, drop, status.
 */
public class DistributedRebootWorkflowImpl implements DistributedRebootWorkflow {
    private static final Logger log = Workflow.getLogger(DistributedRebootWorkflowImpl.class);

    private final Run run = new Run();

    @Override
    public RebootStatus reboot(RebootRequest request) {
        run.begin(request);
        int notify = request.notifies() ? Workflow.getVersion("notify", Workflow.DEFAULT_VERSION, 2)
                : Workflow.DEFAULT_VERSION;
        if (notify >= 1) {
            run.notifying(notify >= 2);
        }
        int body = request.resume() != null ? Workflow.DEFAULT_VERSION
                : Workflow.getVersion(CompactHistory.CHANGE, Workflow.DEFAULT_VERSION, CompactHistory.NEWEST);
        if (body == Workflow.DEFAULT_VERSION) {
            return new LegacyReboot(run).reboot();
        }
        return new CompactReboot(run, new CompactHistory(body)).reboot();
    }

    @Override
    public void cancel(CancelRequest request) {
        run.cancelBy(request.by(), request.reason());
    }

    @Override
    public void pause(PauseRequest request) {
        run.pauseBy(request.by(), request.reason());
    }

    @Override
    public void resume(ResumeRequest request) {
        run.resumeBy(request.by());
    }

    @Override
    public void validateDrop(DropRequest request) {
        Planner.dropRefusal(run.status(), request).ifPresent(refusal -> {
            throw ApplicationFailure.newFailure(refusal.message(), refusal.type());
        });
    }

    @Override
    public DropResult drop(DropRequest request) {
        RebootStatus status = run.status();
        boolean wasCurrent = request.node().equals(status.current())
                || status.node(request.node()).map(n -> n.state().inFlight()).orElse(false);
        String why = "dropped by " + request.by() + (request.reason() == null ? "" : ": " + request.reason());
        log.info("{} {}", request.node(), why);
        run.update(status.withNode(request.node(), n -> n.dropped(why, Run.now()))
                .turnOf(request.node().equals(status.current()) ? null : status.current()));
        run.operatorActed();
        // The heartbeat row is the command's to remove, run or no run; runs begun before did it here.
        LegacyDrop.removeHeartbeatIfBegunBefore(request.node());
        return new DropResult(request.node(), wasCurrent);
    }

    @Override
    public RebootStatus status() {
        return run.status();
    }
}
