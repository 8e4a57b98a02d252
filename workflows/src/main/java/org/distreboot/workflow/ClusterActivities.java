package org.distreboot.workflow;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.values.ClusterSnapshot;

/** Cluster-wide activities: any daemon of the cluster may run them. */
@ActivityInterface
public interface ClusterActivities {

    /** Every node heartbeat of the cluster, staleness judged by the database clock. */
    ClusterSnapshot snapshot();

    /** Deletes the node's heartbeat row; true when there was one. */
    boolean dropHeartbeat(String node);
}
