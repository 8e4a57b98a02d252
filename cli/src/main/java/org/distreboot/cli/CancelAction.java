package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.Operator;
import org.distreboot.client.RunView;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.commands.CancelRequest;

/** `distreboot --cancel`: stops the reboot list; a node mid-reboot is left to come back. */
@Singleton
final class CancelAction {
    private final Cluster.Connector clusters;

    @Inject
    CancelAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            RunView run = cluster.run();
            if (!run.inProgress()) {
                throw CommandFailure.refused("no distributed reboot of cluster " + settings.cluster()
                        + " is in progress: nothing to cancel");
            }
            cluster.cancel(new CancelRequest(Operator.name(), "distreboot --cancel"));
            String current = run.status() == null ? null : run.status().current();
            out.println("cancel requested: no further node of cluster " + settings.cluster() + " will be rebooted"
                    + (current == null ? "" : "; " + current + " is left to come back on its own"));
            return 0;
        }
    }
}
