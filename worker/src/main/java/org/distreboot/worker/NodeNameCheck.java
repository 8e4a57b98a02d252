package org.distreboot.worker;

import java.util.Optional;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * One host per node name. At start, a daemon whose node's heartbeat is fresh and posted from
 * another machine on another boot (not this host's previous daemon) refuses to start; later,
 * two daemons posting in turns show in the row as a contender (see HeartbeatStore), which stops
 * every node activity and stalls a run.
 */
final class NodeNameCheck {
    private NodeNameCheck() {
    }

    /** Why this daemon must not start, naming the other host; empty when the name is free or ours. */
    static Optional<String> takenBy(ClusterHeartbeats heartbeats, Settings settings, HostIdentity me, String bootId) {
        return heartbeats.node(settings.node())
                .filter(row -> !row.stale() && !row.stopping())
                .filter(row -> !row.heartbeat().machineId().isEmpty() && !me.machineId().isEmpty())
                .filter(row -> !row.heartbeat().machineId().equals(me.machineId()) && !row.bootId().equals(bootId))
                .map(row -> refusal(row, settings));
    }

    private static String refusal(NodeHeartbeatRow row, Settings settings) {
        String file = settings.source() == null ? "distreboot.properties" : settings.source().toString();
        return "node " + row.node() + " of cluster " + settings.cluster() + " is already taken by another host, "
                + row.heartbeat().host() + ", whose heartbeat is fresh until " + row.expiresAt()
                + ": give this host its own node= in " + file + ", or stop distreboot on that host"
                + " (if that host is gone, start again after that time)";
    }
}
