package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.DryRunReport;
import org.distreboot.client.Json;
import org.distreboot.client.Reports;
import org.distreboot.client.config.Settings;

/** `distreboot --dry-run`: the order a reboot started now would use, and all that would refuse it. */
@Singleton
final class DryRunAction {
    private final Cluster.Connector clusters;

    @Inject
    DryRunAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, boolean all, boolean json, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            DryRunReport report = Reports.dryRun(settings, cluster.heartbeats(), cluster.run(), all);
            if (json) {
                out.println(Json.write(report));
            } else {
                TextOutput.dryRun(report, out);
            }
            return report.wouldStart() ? 0 : CommandFailure.REFUSED;
        }
    }
}
