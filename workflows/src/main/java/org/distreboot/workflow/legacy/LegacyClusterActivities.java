package org.distreboot.workflow.legacy;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;

/**
 * The cluster calls of runs begun before "compact-history" (a full snapshot at every look) and
 * of drops taken before "drop-leaves-heartbeat-to-command": frozen, as those runs recorded them.
 * A daemon serves them beside {@link ClusterActivities} until no such run is open (docs/legacy.md).
 */
@ActivityInterface
public interface LegacyClusterActivities extends ClusterActivities {
    /** Every node heartbeat of the cluster (look since). */
    ClusterSnapshot snapshot();

    /** Deletes the node's heartbeat row; true when there was one (`distreboot --drop` does it since). */
    boolean dropHeartbeat(String node);
}
