package org.distreboot.workflow;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;

/** How a client starts the one distributed reboot of a cluster. */
public final class RebootWorkflows {
    private RebootWorkflows() {
    }

    /**
     * Options for starting the run: a second start while one runs is refused (the id is the
     * lock); a finished run's id may be reused. {@code summary} is the UI's static summary.
     */
    public static WorkflowOptions options(String cluster, String summary) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(TaskQueues.workflowId(cluster))
                .setTaskQueue(TaskQueues.cluster(cluster))
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setStaticSummary(summary)
                .build();
    }
}
