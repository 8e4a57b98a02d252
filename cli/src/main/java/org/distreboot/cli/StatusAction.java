package org.distreboot.cli;

import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.util.Optional;
import org.distreboot.worker.DaemonStatus;
import org.distreboot.worker.RunDir;
import org.distreboot.worker.config.Settings;

/** `distreboot` with no option: this daemon, every node's heartbeat, and the distributed reboot. */
@Singleton
final class StatusAction {

    int run(Settings settings, boolean json, PrintWriter out) {
        Optional<Long> pid = RunDir.runningPid(settings.runDir());
        Optional<DaemonStatus> daemon = pid.flatMap(p -> RunDir.readStatus(settings.runDir())).flatMap(DaemonStatus::fromJson);
        try (ClusterClient cluster = new ClusterClient(settings)) {
            StatusReport report = Reports.status(settings, pid, daemon, cluster.heartbeats(), cluster.run());
            if (json) {
                out.println(Json.write(report));
            } else {
                TextOutput.status(report, out);
            }
        }
        return 0;
    }
}
