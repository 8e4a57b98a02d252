package org.distreboot.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A cluster's node heartbeats, ordered by node name, as seen at the database time {@code now}. */
public record ClusterHeartbeats(String cluster, Instant now, List<NodeHeartbeatRow> nodes) {
    public ClusterHeartbeats {
        nodes = List.copyOf(nodes);
    }

    public Optional<NodeHeartbeatRow> node(String name) {
        return nodes.stream().filter(row -> row.node().equals(name)).findFirst();
    }
}
