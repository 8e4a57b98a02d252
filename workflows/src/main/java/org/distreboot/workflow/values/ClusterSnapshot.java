package org.distreboot.workflow.values;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every node heartbeat of the cluster, ordered by node name, read at database time {@code observedAt}. */
public record ClusterSnapshot(Instant observedAt, List<NodeHeartbeat> nodes) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
    }

    public Optional<NodeHeartbeat> node(String name) {
        return nodes.stream().filter(n -> n.node().equals(name)).findFirst();
    }
}
