package org.distreboot.cli;

import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.distreboot.worker.DaemonStatus;
import org.distreboot.worker.RunDir;
import org.distreboot.worker.config.Settings;

/** `distreboot` with no option: this daemon, every node's heartbeat, and the distributed reboot. */
@Singleton
final class StatusAction {

    /**
     * What this node knows by itself (its properties, its daemon) is printed before the services
     * are asked: when one is unreachable, that is the part that says why.
     */
    int run(Settings settings, List<String> propertiesNotRead, boolean json, PrintWriter out) {
        Optional<Long> pid = RunDir.runningPid(settings.runDir());
        Optional<DaemonStatus> status = pid.flatMap(p -> RunDir.readStatus(settings.runDir()))
                .flatMap(DaemonStatus::fromJson);
        StatusReport.Daemon daemon = Reports.daemon(settings, pid, status);
        if (!json) {
            TextOutput.thisNode(settings, propertiesNotRead, daemon, out);
            out.flush();
        }
        try (ClusterClient cluster = new ClusterClient(settings)) {
            StatusReport report = Reports.status(settings, propertiesNotRead, daemon, cluster.heartbeats(),
                    cluster.run());
            if (json) {
                out.println(Json.write(report));
            } else {
                TextOutput.cluster(report, out);
            }
        }
        return 0;
    }
}
