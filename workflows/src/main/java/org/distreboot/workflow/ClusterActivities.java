package org.distreboot.workflow;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.values.ClusterSnapshot;

/** Cluster-wide activities: any daemon of the cluster may run them. */
@ActivityInterface
public interface ClusterActivities {

    /** Every node heartbeat of the cluster, staleness judged by the database clock. */
    ClusterSnapshot snapshot();

    /**
     * Deletes the node's heartbeat row; true when there was one. Only runs begun before version 1
     * of "drop-leaves-heartbeat-to-command" call it: `distreboot --drop` removes the row now.
     */
    boolean dropHeartbeat(String node);
}
