package org.distreboot.worker;

import java.time.Instant;

/**
 * What the daemon writes to its status file each beat, for `distreboot` (status) to show.
 *
 * @param temporalError  why the last look at the Temporal service failed, null when it answered
 * @param postgresError  why the last heartbeat could not be posted, null when it was
 */
public record DaemonStatus(long pid, String cluster, String node, String version, Instant startedAt,
                           String bootId, String temporalTarget, boolean temporalConnected, String temporalError,
                           boolean postgresConnected, String postgresError, Instant lastHeartbeatAt,
                           String role, Boolean ready) {
}
