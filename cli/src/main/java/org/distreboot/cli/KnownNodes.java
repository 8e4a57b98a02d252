package org.distreboot.cli;

import java.util.Set;
import java.util.TreeSet;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.RunView;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.NodeStatus;

/** The nodes a command may name: those with a heartbeat, and those of the run in progress or the last one. */
final class KnownNodes {
    private KnownNodes() {
    }

    static Set<String> of(ClusterHeartbeats heartbeats, RunView run) {
        TreeSet<String> known = new TreeSet<>();
        heartbeats.nodes().stream().map(NodeHeartbeatRow::node).forEach(known::add);
        if (run.status() != null) {
            run.status().nodes().stream().map(NodeStatus::node).forEach(known::add);
        }
        return known;
    }

    /** The refusal (exit 1) of a node the command cannot act on, naming those it knows. */
    static CommandFailure unknown(String node, Set<String> known, String cluster) {
        return CommandFailure.refused("unknown node '" + node + "'; known nodes of cluster " + cluster + ": "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
}
