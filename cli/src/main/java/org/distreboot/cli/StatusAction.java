package org.distreboot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.distreboot.worker.DaemonStatus;
import org.distreboot.worker.Postgres;
import org.distreboot.worker.RunFigures;
import org.distreboot.worker.RunDir;
import org.distreboot.worker.StatusSocket;
import org.distreboot.worker.TemporalConnection;
import org.distreboot.worker.config.Settings;
import org.distreboot.worker.config.SettingsLoader;

/**
 * `distreboot` with no option: this daemon, every node's heartbeat, and the distributed reboot.
 * When this node's daemon runs with the same settings it answers, over the connections it
 * holds; else the command asks the services itself. Both give the same report.
 */
final class StatusAction {
    /** Longer than the daemon's slowest answer: its calls to Temporal give up after 10 s. */
    private static final Duration DAEMON_PATIENCE = Duration.ofSeconds(12);

    int run(Settings settings, List<String> propertiesNotRead, boolean json, PrintWriter out, PrintWriter err) {
        Optional<Long> pid = RunDir.runningPid(settings.runDir());
        if (pid.isPresent()) {
            Optional<StatusSocket.Answer> answer = StatusSocket.ask(settings.runDir(), settings.fingerprint(), json,
                    DAEMON_PATIENCE);
            if (answer.isPresent()) {
                out.print(answer.get().out());
                out.flush();
                err.print(answer.get().err());
                err.flush();
                return answer.get().exitCode();
            }
        }
        try (ClusterClient cluster = new ClusterClient(settings)) {
            return report(settings, propertiesNotRead, pid, json, out, cluster, StatusReport.BY_COMMAND);
        }
    }

    /**
     * The daemon's answer to the command's question, made as the command would make it. The daemon
     * knows its pid: probing its own rundir lock would release it (fcntl locks are per process).
     */
    /** The run in figures, asked by the daemon over its own connections (its metrics). */
    static RunFigures figuresInDaemon(Settings settings, Postgres postgres, TemporalConnection temporal) {
        try (ClusterClient cluster = new ClusterClient(settings, postgres, temporal)) {
            return cluster.run().figures();
        }
    }

    static StatusSocket.Answer inDaemon(Settings settings, boolean json, Postgres postgres, TemporalConnection temporal) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err);
        int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out);
             ClusterClient cluster = new ClusterClient(settings, postgres, temporal)) {
            exitCode = report(settings, new SettingsLoader().notRead(settings), Optional.of(ProcessHandle.current().pid()),
                    json, outWriter, cluster, StatusReport.BY_DAEMON);
        } catch (Exception e) {
            exitCode = Main.failure(e, errWriter);
        }
        errWriter.flush();
        return new StatusSocket.Answer(exitCode, out.toString(), err.toString());
    }

    /**
     * What this node knows by itself (its properties, its daemon) is printed before the services
     * are asked: when one is unreachable, that is the part that says why.
     */
    private static int report(Settings settings, List<String> propertiesNotRead, Optional<Long> pid, boolean json,
                              PrintWriter out, ClusterClient cluster, String answeredBy) {
        Optional<DaemonStatus> status = pid.flatMap(p -> RunDir.readStatus(settings.runDir()))
                .flatMap(DaemonStatus::fromJson);
        StatusReport.Daemon daemon = Reports.daemon(settings, pid, status);
        if (!json) {
            TextOutput.thisNode(settings, propertiesNotRead, daemon, out);
            out.flush();
        }
        StatusReport report = Reports.status(settings, propertiesNotRead, daemon, cluster.heartbeats(), cluster.run(),
                answeredBy);
        if (json) {
            out.println(Json.write(report));
        } else {
            TextOutput.cluster(report, out);
        }
        return 0;
    }
}
