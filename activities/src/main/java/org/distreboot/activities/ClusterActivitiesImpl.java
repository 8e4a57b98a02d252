package org.distreboot.activities;

import org.distreboot.db.HeartbeatStore;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;

/** Cluster-wide activities over the heartbeat store; any daemon of the cluster may run them. */
public final class ClusterActivitiesImpl implements ClusterActivities {
    private final HeartbeatStore store;
    private final String cluster;

    public ClusterActivitiesImpl(HeartbeatStore store, String cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    /** Idempotent: it only reads. */
    @Override
    public ClusterSnapshot snapshot() {
        return Snapshots.of(store.list(cluster));
    }

    /** Idempotent: dropping a row that is gone does nothing. */
    @Override
    public boolean dropHeartbeat(String node) {
        return store.drop(cluster, node);
    }
}
