package org.distreboot.worker;

import java.time.Instant;
import java.util.Optional;

/**
 * This daemon: its id (new at each start), when it started, the host it runs on, and the node's
 * quorum group (empty when the cluster is one group).
 */
record ThisDaemon(String id, Instant startedAt, HostIdentity host, Optional<String> topology) {
}
