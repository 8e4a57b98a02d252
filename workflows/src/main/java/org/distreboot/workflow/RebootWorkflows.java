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
     * lock); a finished run's id may be reused. {@code summary} and {@code details} are the
     * UI's static summary and details; the run carries the {@link RunSearch} attributes.
     */
    public static WorkflowOptions options(String cluster, String summary, String details) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(TaskQueues.workflowId(cluster))
                .setTaskQueue(TaskQueues.cluster(cluster))
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setStaticSummary(summary)
                .setStaticDetails(details)
                .setTypedSearchAttributes(RunSearch.atStart(cluster))
                .build();
    }

    /** The same options for a namespace where the {@link RunSearch} attributes are not registered. */
    public static WorkflowOptions withoutSearchAttributes(WorkflowOptions options) {
        return WorkflowOptions.newBuilder(options).setTypedSearchAttributes(null).build();
    }
}
