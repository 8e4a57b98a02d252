package org.distreboot.db;

import java.time.Instant;
import java.util.Optional;

/**
 * A node heartbeat as stored: what the daemon posted, and what the store adds to it, its expiry
 * and when it was posted, both by the database clock, and whether it is stale now.
 * {@code contender} is the other host whose daemon posted as this node too, lately (within one
 * heartbeat TTL of the last post), or null. {@code polledAt} is when a poll of the daemon's last
 * answered, by the database clock, or null when it did not say.
 */
public record NodeHeartbeatRow(Heartbeat heartbeat, Instant expiresAt, boolean stale, Instant postedAt,
                               String contender, Instant polledAt) {

    public NodeHeartbeatRow(Heartbeat heartbeat, Instant expiresAt, boolean stale, Instant postedAt) {
        this(heartbeat, expiresAt, stale, postedAt, null, null);
    }

    /** "H1 and H2" when two hosts post as this node, each named (name, machine id, boot). */
    public Optional<String> claimedBy() {
        return Optional.ofNullable(contender).map(other -> other + " and " + heartbeat.host());
    }

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
