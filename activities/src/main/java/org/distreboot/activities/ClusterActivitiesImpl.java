package org.distreboot.activities;

import java.util.function.Supplier;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.Verdict;

/** Cluster-wide activities over the heartbeat store; any daemon of the cluster may run them. */
public final class ClusterActivitiesImpl implements ClusterActivities {
    private final Supplier<HeartbeatStore> store;
    private final Looks looks;
    private final String cluster;

    /** {@code store} is asked for on every call: the daemon connects (and migrates) lazily. */
    public ClusterActivitiesImpl(Supplier<HeartbeatStore> store, Looks looks, String cluster) {
        this.store = store;
        this.looks = looks;
        this.cluster = cluster;
    }

    /** Idempotent: a plan is fixed once per run, and a retry gets it back. */
    @Override
    public Plan plan(String key) {
        return looks.plan(key);
    }

    /** Idempotent: it only reads. */
    @Override
    public Verdict look(Look look) {
        return looks.look(look);
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
