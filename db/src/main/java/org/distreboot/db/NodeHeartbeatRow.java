package org.distreboot.db;

import java.time.Instant;

/** A stored node heartbeat; {@code stale} was judged by the database clock. */
public record NodeHeartbeatRow(String cluster, String node, Instant expiresAt, boolean stale,
                               String bootId, String daemonId, Instant daemonStartedAt,
                               String role, Boolean ready, String version, Instant postedAt,
                               boolean stopping) {
}
