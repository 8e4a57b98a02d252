package org.distreboot.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;

/** Reboots every node of a cluster one at a time, the master last, never losing quorum. */
@WorkflowInterface
public interface DistributedRebootWorkflow {

    @WorkflowMethod
    RebootStatus reboot(RebootRequest request);

    /** A signal, not an update: a cancel must be recorded even while no daemon is up to run the workflow. */
    @SignalMethod
    void cancel(CancelRequest request);

    /** Signals, like cancel: the node in flight finishes, then no node starts until resumed. */
    @SignalMethod
    void pause(PauseRequest request);

    @SignalMethod
    void resume(ResumeRequest request);

    /** An update, not a signal: the caller must learn whether the node was known. */
    @UpdateMethod
    DropResult drop(DropRequest request);

    @UpdateValidatorMethod(updateName = "drop")
    void validateDrop(DropRequest request);

    @QueryMethod
    RebootStatus status();
}
