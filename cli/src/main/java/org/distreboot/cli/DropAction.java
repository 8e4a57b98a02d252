package org.distreboot.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.worker.config.Settings;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.values.NodeStatus;

/**
 * `distreboot --drop=NODE`: ejects the node from a reboot in progress (the workflow takes it out of
 * the run, with who asked in its history) and from the heartbeat list (removed here, and only here).
 */
final class DropAction {

    int run(Settings settings, String node, PrintWriter out) {
        try (ClusterClient cluster = new ClusterClient(settings)) {
            List<String> heartbeats = cluster.heartbeats().nodes().stream().map(NodeHeartbeatRow::node).toList();
            RunView run = cluster.run();
            boolean inRun = run.inProgress() && run.status() != null
                    && run.status().node(node).map(n -> !n.state().finished()).orElse(false);
            if (inRun) {
                DropResult result = cluster.drop(new DropRequest(node, Operator.name(), "distreboot --drop"));
                cluster.dropHeartbeat(node);
                out.println("dropped " + node + " from the distributed reboot in progress"
                        + (result.wasCurrent() ? " (it was the node being rebooted; the run moves on)" : "")
                        + " and from the heartbeat list");
                return 0;
            }
            if (!heartbeats.contains(node)) {
                TreeSet<String> known = new TreeSet<>(heartbeats);
                if (run.status() != null) {
                    run.status().nodes().stream().map(NodeStatus::node).forEach(known::add);
                }
                throw CommandFailure.refused("unknown node '" + node + "'; known nodes of cluster "
                        + settings.cluster() + ": " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
            cluster.dropHeartbeat(node);
            out.println("dropped " + node + " from the heartbeat list of cluster " + settings.cluster()
                    + (run.inProgress() ? " (it was not pending in the reboot in progress)" : ""));
            return 0;
        }
    }
}
