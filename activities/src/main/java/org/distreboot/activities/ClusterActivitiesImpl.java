package org.distreboot.activities;

import java.util.function.Supplier;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;

/** Cluster-wide activities over the heartbeat store; any daemon of the cluster may run them. */
public final class ClusterActivitiesImpl implements ClusterActivities {
    private final Supplier<HeartbeatStore> store;
    private final String cluster;

    /** {@code store} is asked for on every call: the daemon connects (and migrates) lazily. */
    public ClusterActivitiesImpl(Supplier<HeartbeatStore> store, String cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    /** Idempotent: it only reads. */
    @Override
    public ClusterSnapshot snapshot() {
        return Snapshots.of(store.get().list(cluster));
    }

    /** Idempotent: dropping a row that is gone does nothing. */
    @Override
    public boolean dropHeartbeat(String node) {
        return store.get().drop(cluster, node);
    }
}
