package org.distreboot.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.distreboot.cli.screen.LiveScreen;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.RunView;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.workflow.values.Phase;

/**
 * `distreboot --watch`: follows the distributed reboot from any node until it ends. On a terminal
 * its table is redrawn in place; elsewhere a line per change. When Temporal or PostgreSQL stops
 * answering it says so, shows what it saw last, and goes on asking. Its exit code says how the run
 * ended: 0 completed, 5 cancelled, 6 failed.
 */
@Singleton
final class WatchAction {
    static final int CANCELLED = 5;
    static final int FAILED = 6;
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Cluster.Connector clusters;

    @Inject
    WatchAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, boolean terminal, PrintWriter out) throws InterruptedException {
        try (Cluster cluster = clusters.connect(settings)) {
            Screen screen = terminal ? new Redrawn(out) : new Changes(out);
            Asked<RunView> temporal = new Asked<>("Temporal");
            Asked<ClusterHeartbeats> postgres = new Asked<>("PostgreSQL");
            while (true) {
                Map<String, String> outages = new LinkedHashMap<>();
                cluster.probeAgain();
                RunView run = temporal.ask(cluster::run, outages);
                ClusterHeartbeats heartbeats = postgres.ask(cluster::heartbeats, outages);
                if (run != null && run.phase() == null) {
                    throw CommandFailure.refused("no distributed reboot of cluster " + settings.cluster()
                            + " to watch (start one with distreboot --reboot)");
                }
                screen.show(settings.cluster(), run == null ? RunView.NONE : run, heartbeats, outages, Instant.now());
                if (run != null && !outages.containsKey("Temporal") && !run.inProgress()) {
                    return exitCode(run.phase());
                }
                Thread.sleep(EVERY.toMillis());
            }
        }
    }

    /** What a service said last, and since when it has not answered (null while it answers). */
    private static final class Asked<T> {
        private final String service;
        private T last;
        private Instant downSince;

        Asked(String service) {
            this.service = service;
        }

        /** Asks again; when the service does not answer, says so in {@code outages} and gives what it said last. */
        T ask(Supplier<T> question, Map<String, String> outages) {
            try {
                last = question.get();
                downSince = null;
            } catch (CommandFailure e) {
                if (e.exitCode() != CommandFailure.UNREACHABLE) {
                    throw e;
                }
                downSince = downSince == null ? Instant.now() : downSince;
                outages.put(service, outage(e, downSince));
            }
            return last;
        }
    }

    static int exitCode(Phase end) {
        return switch (end) {
            case COMPLETED -> 0;
            case CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }

    /** "Temporal at host:7233 unreachable: …, since 10:02:11Z (12s): what it said last is shown, asked again every 1s" */
    private static String outage(CommandFailure failure, Instant since) {
        return failure.getMessage() + "; since " + since.truncatedTo(ChronoUnit.SECONDS)
                + " (" + Relative.amount(Duration.between(since, Instant.now())) + "), asked again every "
                + EVERY.toSeconds() + "s";
    }

    private interface Screen {
        void show(String cluster, RunView run, ClusterHeartbeats heartbeats, Map<String, String> outages, Instant now);
    }

    /** The table, drawn over itself and fitted to the terminal. */
    private static final class Redrawn implements Screen {
        private final LiveScreen screen;

        Redrawn(PrintWriter out) {
            this.screen = new LiveScreen(out);
        }

        @Override
        public void show(String cluster, RunView run, ClusterHeartbeats heartbeats, Map<String, String> outages, Instant now) {
            screen.draw(WatchTable.screen(cluster, run, heartbeats, outages, now));
        }
    }

    /** A line per change. */
    private static final class Changes implements Screen {
        private final PrintWriter out;
        private final WatchLines lines = new WatchLines();

        Changes(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void show(String cluster, RunView run, ClusterHeartbeats heartbeats, Map<String, String> outages, Instant now) {
            lines.changes(run, outages, now).forEach(out::println);
            out.flush();
        }
    }
}
