package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.distreboot.client.Cluster;
import org.distreboot.client.Json;
import org.distreboot.client.Reports;
import org.distreboot.client.RunDir;
import org.distreboot.client.StatusReport;
import org.distreboot.client.StatusSocket;
import org.distreboot.client.config.Settings;

/**
 * `distreboot` with no option: this daemon, every node's heartbeat, and the distributed reboot.
 * When this node's daemon runs with the same settings it makes the report, over the connections
 * it holds; else the command asks the services itself. Both give the same report, rendered here.
 */
@Singleton
final class StatusAction {
    /** Longer than the daemon's slowest answer: its calls to Temporal give up after 10 s. */
    private static final Duration DAEMON_PATIENCE = Duration.ofSeconds(12);

    private final Cluster.Connector clusters;

    @Inject
    StatusAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, List<String> propertiesNotRead, boolean json, PrintWriter out, PrintWriter err) {
        Optional<Long> pid = RunDir.runningPid(settings.host().rundir());
        Optional<StatusSocket.Answer> answer = pid.flatMap(running -> StatusSocket.ask(settings.host().rundir(),
                settings.fingerprint(), DAEMON_PATIENCE));
        Optional<StatusReport> answered = answer.filter(made -> made.exitCode() == 0)
                .map(StatusSocket.Answer::statusReport);
        // The daemon's report says what its status file says; without one, the command reads that file.
        StatusReport.Daemon daemon = answered.map(StatusReport::daemon).orElseGet(() -> Reports.daemon(settings, pid));
        // What this node knows by itself is printed before the services are asked: when one is
        // unreachable, that is the part that says why.
        if (!json) {
            TextOutput.thisNode(settings, propertiesNotRead, daemon, out);
            out.flush();
        }
        if (answered.isPresent()) {
            print(answered.get(), json, out);
            return 0;
        }
        if (answer.isPresent()) {
            err.println("distreboot: " + answer.get().failure());
            return answer.get().exitCode();
        }
        try (Cluster cluster = clusters.connect(settings)) {
            print(cluster.status(propertiesNotRead, daemon, StatusReport.BY_COMMAND), json, out);
            return 0;
        }
    }

    private static void print(StatusReport report, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.write(report));
        } else {
            TextOutput.cluster(report, out);
        }
    }
}
