package org.distreboot.worker;

import java.util.Optional;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * The cluster's heartbeats as this daemon found them once PostgreSQL answered, before its own
 * first post: whether another host posts as this node, and this node's previous boot.
 */
record FoundAtStart(ClusterHeartbeats heartbeats, String node, String bootId) {

    /** This node's previous boot, if it rebooted since: its rejoin is timed from that boot's last heartbeat. */
    Optional<NodeHeartbeatRow> previousBoot() {
        return heartbeats.node(node).filter(row -> !row.bootId().equals(bootId));
    }
}
