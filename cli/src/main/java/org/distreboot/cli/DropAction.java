package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.Operator;
import org.distreboot.client.RunView;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.values.Phase;

/**
 * `distreboot --drop=NODE`: ejects the node from a reboot in progress (the workflow takes it out of
 * the run, with who asked in its history) and from the heartbeat list (removed here, and only here).
 */
@Singleton
final class DropAction {
    private final Cluster.Connector clusters;

    @Inject
    DropAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, String node, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            ClusterHeartbeats rows = cluster.heartbeats();
            List<String> heartbeats = rows.nodes().stream().map(NodeHeartbeatRow::node).toList();
            RunView run = cluster.run();
            boolean inRun = run.inProgress() && run.status() != null
                    && run.status().node(node).map(n -> n.state().droppable()).orElse(false);
            refuseIfAlive(rows.node(node), run);
            if (inRun) {
                DropResult result = cluster.drop(new DropRequest(node, Operator.name(), "distreboot --drop"));
                cluster.dropHeartbeat(node);
                out.println("dropped " + node + " from the distributed reboot in progress"
                        + (result.wasCurrent() ? " (it was the node being rebooted; the run moves on)" : "")
                        + " and from the heartbeat list");
                return 0;
            }
            if (!heartbeats.contains(node)) {
                throw KnownNodes.unknown(node, KnownNodes.of(rows, run), settings.cluster());
            }
            cluster.dropHeartbeat(node);
            out.println("dropped " + node + " from the heartbeat list of cluster " + settings.cluster()
                    + (run.inProgress() ? " (it was not pending in the reboot in progress)" : ""));
            return 0;
        }
    }

    /**
     * A drop is for a node that is gone: one whose daemon still posts would post its heartbeat
     * again at once, and be left out of the run while it runs. Only the node a run stalled on
     * (back, say, but never healthy) may be dropped alive: that is the operator's way on.
     */
    private static void refuseIfAlive(Optional<NodeHeartbeatRow> heartbeat, RunView run) {
        Optional<NodeHeartbeatRow> alive = heartbeat.filter(row -> !row.stale() && !row.stopping());
        boolean stalledOnIt = run.phase() == Phase.STALLED && run.status() != null
                && alive.map(row -> row.node().equals(run.status().current())).orElse(false);
        if (alive.isPresent() && !stalledOnIt) {
            String node = alive.get().node();
            throw CommandFailure.refused(node + " is alive, as its heartbeat says (fresh until "
                    + alive.get().expiresAt() + "); a drop is for a node that is gone: stop its daemon first"
                    + " (distreboot --stop on " + node + "), or, if it just went down, drop it once that time passed");
        }
    }
}
