package org.distreboot.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.distreboot.client.Problems;
import org.distreboot.client.RunFigures;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.values.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's figures, served for Prometheus on metrics.listen: its heartbeats, its connections,
 * the cluster's run, this node's rejoin, every command's duration and exit (counted where the
 * command runs), and the Temporal SDK's own metrics. Each series carries the cluster and the node.
 * Without metrics.listen nothing is kept and nothing listens.
 */
final class DaemonMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DaemonMetrics.class);
    /** How often the SDK's figures are handed over, and how old the run's may be when scraped: scrapes ask
     *  the run of Temporal at most this often, however many scrapers there are. */
    private static final Duration SDK_REPORT_EVERY = Duration.ofSeconds(5);
    private static final Duration RUN_LOOK_EVERY = Duration.ofSeconds(5);
    /** From a quick restart to a slow machine's firmware and a long fsck. */
    private static final Duration[] REJOIN_BUCKETS = {Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(30)};

    private final Settings settings;
    private final PrometheusMeterRegistry registry;
    private final Scope temporalScope;
    private MetricsEndpoint endpoint;

    private DaemonMetrics(Settings settings, PrometheusMeterRegistry registry, Scope temporalScope) {
        this.settings = settings;
        this.registry = registry;
        this.temporalScope = temporalScope;
    }

    static DaemonMetrics of(Settings settings) {
        if (settings.metrics().listen().isEmpty()) {
            return new DaemonMetrics(settings, null, new NoopScope());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("cluster", settings.cluster(), "node", settings.node());
        // process_start_time_seconds: a node's reboot restarts its daemon, and its counters with it.
        new UptimeMetrics().bindTo(registry);
        Metrics.addRegistry(registry);
        Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofMillis(SDK_REPORT_EVERY.toMillis()));
        return new DaemonMetrics(settings, registry, scope);
    }

    /** Where the Temporal client reports: the registry, or nowhere. */
    Scope temporalScope() {
        return temporalScope;
    }

    /** The heartbeats' age and failures, and whether Temporal and PostgreSQL answer this daemon. */
    void watch(HeartbeatLoop heartbeats, PollClock polls) {
        if (registry == null) {
            return;
        }
        gauge("distreboot.heartbeat.age", "seconds", "Since this daemon's last heartbeat got into PostgreSQL",
                heartbeats, h -> secondsSince(h.lastPostedAt()));
        FunctionCounter.builder("distreboot.heartbeat.post.failures", heartbeats, HeartbeatLoop::postFailures)
                .description("Heartbeats PostgreSQL did not take").register(registry);
        gauge("distreboot.postgres.connected", null, "1 when PostgreSQL took the last heartbeat", heartbeats,
                h -> h.postgresConnected() ? 1 : 0);
        gauge("distreboot.temporal.connected", null, "1 when the Temporal service answered the daemon's last look",
                heartbeats, h -> h.temporalConnected().map(up -> up ? 1.0 : 0.0).orElse(Double.NaN));
        gauge("distreboot.poll.age", "seconds", "Since a poll of this daemon's last got through to Temporal", polls,
                p -> secondsSince(p.last()));
    }

    /** The cluster's run: its phase, whether paused, its nodes and how many it rebooted; NaN when unknown. */
    void watchRun(Supplier<RunFigures> look) {
        if (registry == null) {
            return;
        }
        Recent run = new Recent(look);
        for (Phase phase : Phase.values()) {
            Gauge.builder("distreboot.run.phase", run, r -> r.figures().map(f -> f.phase() == phase ? 1.0 : 0.0)
                    .orElse(Double.NaN)).tag("phase", phase.name())
                    .description("1 for the phase of the run in progress, or else of the last one").register(registry);
        }
        gauge("distreboot.run.paused", null, "1 while an operator holds the run", run,
                r -> r.figures().map(f -> f.paused() ? 1.0 : 0.0).orElse(Double.NaN));
        gauge("distreboot.run.nodes", null, "The nodes the run reboots", run,
                r -> r.figures().map(f -> (double) f.nodes()).orElse(Double.NaN));
        gauge("distreboot.run.rebooted", null, "The nodes the run rebooted so far", run,
                r -> r.figures().map(f -> (double) f.rebooted()).orElse(Double.NaN));
    }

    /** This node is back: from its previous boot's last heartbeat to its healthcmd passing on this boot. */
    void rejoined(Duration took) {
        if (registry == null) {
            return;
        }
        Timer.builder("distreboot.rejoin").description("From a node's last heartbeat before its reboot to its rejoin")
                .serviceLevelObjectives(REJOIN_BUCKETS).register(registry).record(took);
    }

    /** Starts serving; a port already taken is said once and the daemon goes on: metrics never stop a reboot. */
    void serve() {
        if (registry == null) {
            return;
        }
        try {
            endpoint = MetricsEndpoint.serve(settings.metrics().listen().orElseThrow(), registry);
            log.info("serving metrics on {}:{}/metrics", settings.metrics().listen().get().getHostString(),
                    settings.metrics().listen().get().getPort());
        } catch (RuntimeException e) {
            log.warn("{}; the daemon goes on without", Problems.describe(e));
        }
    }

    @Override
    public void close() {
        if (registry == null) {
            return;
        }
        if (endpoint != null) {
            endpoint.close();
        }
        try {
            temporalScope.close();
        } catch (ScopeCloseException e) {
            log.debug("the SDK's metrics scope did not close: {}", e.getMessage());
        }
        Metrics.removeRegistry(registry);
        registry.close();
    }

    private <T> void gauge(String name, String unit, String description, T of, ToDoubleFunction<T> value) {
        Gauge.builder(name, of, value).baseUnit(unit).description(description).strongReference(true)
                .register(registry);
    }

    private static double secondsSince(Optional<Instant> at) {
        return at.map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** The run's figures, asked at most every {@link #RUN_LOOK_EVERY}; empty while they cannot be told. */
    private static final class Recent {
        private final Supplier<RunFigures> look;
        private Optional<RunFigures> figures = Optional.empty();
        private Instant lookedAt;

        Recent(Supplier<RunFigures> look) {
            this.look = look;
        }

        synchronized Optional<RunFigures> figures() {
            Instant now = Instant.now();
            if (lookedAt == null || Duration.between(lookedAt, now).compareTo(RUN_LOOK_EVERY) >= 0) {
                lookedAt = now;
                try {
                    figures = Optional.of(look.get());
                } catch (RuntimeException e) {
                    figures = Optional.empty();
                }
            }
            return figures;
        }
    }
}
