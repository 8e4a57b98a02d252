package org.distreboot.db;

import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The node heartbeat store: post, list (stale judged by the database clock), drop, purge.
 * Input is validated before any SQL runs.
 */
public final class HeartbeatStore {
    private final Jdbi jdbi;
    private final HeartbeatDao dao;

    public HeartbeatStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.dao = jdbi.onDemand(HeartbeatDao.class);
    }

    /** Upserts the node's heartbeat; it expires {@code ttl} after the database's now(). */
    public void post(Heartbeat heartbeat, Duration ttl) {
        Objects.requireNonNull(heartbeat, "heartbeat is missing");
        dao.post(heartbeat, positiveMillis("heartbeat ttl", ttl));
    }

    /** The cluster's nodes ordered by name, with the database time they were judged at. */
    public ClusterHeartbeats list(String cluster) {
        Names.require("cluster", cluster);
        return jdbi.inTransaction(handle -> {
            HeartbeatDao inTx = handle.attach(HeartbeatDao.class);
            return new ClusterHeartbeats(cluster, inTx.now(), inTx.list(cluster));
        });
    }

    /** Removes the node's row; returns false when there was none (dropping twice is harmless). */
    public boolean drop(String cluster, String node) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        return dao.drop(cluster, node) > 0;
    }

    /** Deletes rows of every cluster that expired longer than {@code age} ago; returns how many. */
    public int purge(Duration age) {
        return dao.purge(positiveMillis("heartbeat purge age", age));
    }

    private static long positiveMillis(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration.toMillis();
    }
}
