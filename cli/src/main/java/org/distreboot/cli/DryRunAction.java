package org.distreboot.cli;

import java.io.PrintWriter;
import org.distreboot.worker.config.Settings;

/** `distreboot --dry-run`: the order a reboot started now would use, and all that would refuse it. */
final class DryRunAction {

    int run(Settings settings, boolean all, boolean json, PrintWriter out) {
        try (ClusterClient cluster = new ClusterClient(settings)) {
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
