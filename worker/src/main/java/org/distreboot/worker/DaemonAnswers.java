package org.distreboot.worker;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.distreboot.client.ClusterClient;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.Postgres;
import org.distreboot.client.Reports;
import org.distreboot.client.RunFigures;
import org.distreboot.client.StatusReport;
import org.distreboot.client.StatusSocket;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon answers about the cluster, over the connections it holds: the status report the
 * command asks for on its socket, and the run in figures for its metrics. Asked of the same client
 * the command uses.
 */
@Singleton
final class DaemonAnswers {
    private static final Logger log = LoggerFactory.getLogger(DaemonAnswers.class);

    private final Settings settings;
    private final SettingsLoader loader;
    private final Postgres postgres;
    private final TemporalConnection temporal;

    DaemonAnswers(Settings settings, SettingsLoader loader, Postgres postgres, TemporalConnection temporal) {
        this.settings = settings;
        this.loader = loader;
        this.postgres = postgres;
        this.temporal = temporal;
    }

    /**
     * The report as the command would make it. The daemon knows its pid: probing its own rundir
     * lock would release it (fcntl locks are per process).
     */
    StatusSocket.Answer status() {
        try (ClusterClient cluster = new ClusterClient(settings, postgres, temporal)) {
            StatusReport.Daemon daemon = Reports.daemon(settings, Optional.of(ProcessHandle.current().pid()));
            return StatusSocket.Answer.of(cluster.status(loader.notRead(settings), daemon,
                    StatusReport.BY_DAEMON));
        } catch (RuntimeException e) {
            int code = CommandFailure.exitCodeOf(e);
            if (code == -1) {
                log.warn("status asked of the daemon failed", e);
            }
            return StatusSocket.Answer.failed(code == -1 ? CommandFailure.REFUSED : code, CommandFailure.oneLine(e));
        }
    }

    /** The run in figures: once per scrape at most, and only while one is served. */
    RunFigures figures() {
        try (ClusterClient cluster = new ClusterClient(settings, postgres, temporal)) {
            return cluster.run().figures();
        }
    }
}
