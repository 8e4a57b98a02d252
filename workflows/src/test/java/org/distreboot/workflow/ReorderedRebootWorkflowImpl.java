package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.legacy.LegacyClusterActivities;
import org.distreboot.workflow.legacy.LegacyNodeActivities;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The workflow's first steps with one careless change, reboot before drain: the kind of edit
 * that, unversioned, would corrupt every run in flight. The replay test must catch it.
 */
public class ReorderedRebootWorkflowImpl implements DistributedRebootWorkflow {

    @Override
    public RebootStatus reboot(RebootRequest request) {
        LegacyClusterActivities cluster = Workflow.newActivityStub(LegacyClusterActivities.class,
                StepOptions.cluster("read the node heartbeats"));
        cluster.snapshot();
        ClusterSnapshot whole = cluster.snapshot();
        String first = whole.nodes().stream().map(NodeHeartbeat::node).sorted().findFirst().orElseThrow();
        LegacyNodeActivities node = Workflow.newActivityStub(LegacyNodeActivities.class,
                StepOptions.nodeCall(request, first, "reboot " + first));
        String bootId = node.bootId();
        node.reboot(bootId);
        node.drain(bootId);
        return null;
    }

    @Override
    public void cancel(CancelRequest request) {
    }

    @Override
    public void pause(PauseRequest request) {
    }

    @Override
    public void resume(ResumeRequest request) {
    }

    @Override
    public DropResult drop(DropRequest request) {
        return null;
    }

    @Override
    public void validateDrop(DropRequest request) {
    }

    @Override
    public RebootStatus status() {
        return null;
    }
}
