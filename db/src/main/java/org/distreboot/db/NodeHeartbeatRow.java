package org.distreboot.db;

import java.time.Instant;

/**
 * A node heartbeat as stored: what the daemon posted, and what the store adds to it, its expiry
 * and when it was posted, both by the database clock, and whether it is stale now.
 */
public record NodeHeartbeatRow(Heartbeat heartbeat, Instant expiresAt, boolean stale, Instant postedAt) {

    public String node() {
        return heartbeat.node();
    }

    public String bootId() {
        return heartbeat.bootId();
    }

    public String role() {
        return heartbeat.role();
    }

    public Boolean ready() {
        return heartbeat.ready();
    }

    public boolean stopping() {
        return heartbeat.stopping();
    }

    public Instant daemonStartedAt() {
        return heartbeat.daemonStartedAt();
    }
}
