package org.distreboot.worker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distreboot.activities.Blocker;
import org.distreboot.activities.BootIdFile;
import org.distreboot.activities.ClusterActivitiesImpl;
import org.distreboot.activities.CommandBlocker;
import org.distreboot.activities.CommandDrainer;
import org.distreboot.activities.CommandHealthCheck;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.CommandMasterCheck;
import org.distreboot.activities.CommandRebooter;
import org.distreboot.activities.CommandSentinel;
import org.distreboot.activities.Drainer;
import org.distreboot.activities.FileSentinel;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.KeptOutputs;
import org.distreboot.activities.Looks;
import org.distreboot.activities.MasterCheck;
import org.distreboot.activities.NodeActivitiesImpl;
import org.distreboot.activities.NodeClaim;
import org.distreboot.activities.Notifier;
import org.distreboot.activities.Rebooter;
import org.distreboot.activities.Redaction;
import org.distreboot.activities.Sentinel;
import org.distreboot.activities.WebhookNotifier;
import org.distreboot.client.AlreadyRunningException;
import org.distreboot.client.DaemonStatus;
import org.distreboot.client.DaemonThreads;
import org.distreboot.client.Postgres;
import org.distreboot.client.RunDir;
import org.distreboot.client.StatusSocket;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.Version;
import org.distreboot.client.config.ConfigException;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.TaskQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * `distreboot --start`: the node daemon, in the foreground. It posts node heartbeats and is a
 * Temporal worker on the cluster's queue and on this node's queue. On SIGTERM it stops
 * polling, lets an activity in flight finish (within a bound), posts a last heartbeat that
 * marks the node as stopping, and exits 0.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long an activity in flight may take to finish once SIGTERM came. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration REBOOT_GRACE = Duration.ofSeconds(5);
    private static final Duration FIRST_POST_PATIENCE = Duration.ofSeconds(5);
    /** How long blockcmd may take (a query to an alerting service, say), within the call's 30 s. */
    private static final Duration BLOCK_CHECK_TIMEOUT = Duration.ofSeconds(20);

    private final Settings settings;
    private final CountDownLatch stop = new CountDownLatch(1);

    public Daemon(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs until SIGTERM or SIGINT; throws {@link AlreadyRunningException} if the rundir is taken.
     * Until Temporal and PostgreSQL both answer it only waits; then it heartbeats and polls.
     */
    public int run() {
        Instant startedAt = Instant.now();
        String daemonId = UUID.randomUUID().toString();
        BootIdFile bootIds = new BootIdFile(settings.bootIdFile());
        try {
            bootIds.current();
        } catch (RuntimeException e) {
            throw new ConfigException(e.getMessage() + " (set in " + (settings.source() == null
                    ? "distreboot.properties" : settings.source()) + "); the daemon proves each reboot by it");
        }
        // The Temporal client is made aside while PostgreSQL's pool opens: a rebooted node's daemon
        // is on the run's critical path, and that client is most of its start.
        PollClock polls = new PollClock();
        try (DaemonMetrics metrics = DaemonMetrics.of(settings);
             TemporalOpening opening = TemporalOpening.begin(settings,
                settings.node() + "/pid-" + ProcessHandle.current().pid(), Duration.ofSeconds(10), polls,
                metrics.temporalScope());
             RunDir runDir = RunDir.claim(settings.runDir()); Postgres postgres = Postgres.pooled(settings)) {
            Optional<String> topology = NodeTopology.of(settings);
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            log.info("distreboot {} starting on node {} of cluster {}{} (boot {})", Version.current(), settings.node(),
                    settings.cluster(), topology.map(group -> ", group " + group).orElse(""), bootIds.current());
            PlainText.warnings(settings).forEach(log::warn);
            TemporalConnection temporal = opening.join();
            StartupWait startup = new StartupWait(settings, temporal.stubs(), postgres,
                    waitingFor -> runDir.writeStatus(waiting(startedAt, bootIds, waitingFor).toJson()), stop);
            if (!startup.untilServicesAnswer()) {
                log.info("stopped before Temporal and PostgreSQL answered");
                return 0;
            }
            HostIdentity host = HostIdentity.of(settings.machineIdFile());
            ClusterHeartbeats listed = postgres.store().list(settings.cluster());
            Optional<String> taken = NodeNameCheck.takenBy(listed, settings, host, bootIds.current());
            if (taken.isPresent()) {
                throw new AlreadyRunningException(taken.get());
            }
            HeartbeatLoop heartbeats = new HeartbeatLoop(settings, bootIds, masterCheck(), healthCheck(CommandLog.NONE), sentinel(),
                    postgres, temporal::stubs, polls, runDir, daemonId, startedAt, host, topology);
            metrics.watch(heartbeats, polls);
            DaemonAnswers answers = new DaemonAnswers(settings, postgres, temporal);
            metrics.watchRun(answers::figures);
            // This node's previous boot, if it rebooted since: its rejoin is timed from that boot's last heartbeat.
            Optional<NodeHeartbeatRow> previousBoot = listed.node(settings.node())
                    .filter(row -> !row.bootId().equals(bootIds.current()));
            NodeClaim claim = () -> postgres.store().list(settings.cluster()).node(settings.node())
                    .flatMap(NodeHeartbeatRow::claimedBy);
            ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("heartbeat"));
            schedule.scheduleWithFixedDelay(heartbeats::beat, 0, settings.heartbeatInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            Looks looks = new Looks(postgres::store, postgres::plans, settings.cluster());
            WarmingWorkers workers = WarmingWorkers.of(temporal.client(), settings.cluster(),
                    StickyExecution.wanted(temporal.stubs()), new ClusterActivitiesImpl(postgres::store, looks,
                            settings.cluster(), settings.notifyUrl().<Notifier>map(WebhookNotifier::new)
                                    .orElse(Notifier.NONE)));
            KeptOutputs kept = new KeptOutputs(settings.cluster(), settings.node(), bootIds, postgres::outputs,
                    new Redaction(secrets()));
            workers.start(settings.node(), nodeActivities(bootIds, rejoinCheck(heartbeats, previousBoot, metrics, kept),
                    claim, looks, new LeavingRebooter(new CommandRebooter(settings.rebootCommand(), REBOOT_GRACE, kept),
                            workers, schedule), kept));
            log.info("daemon up in {}: polling its node queue, {} after a warm-up, heartbeat every {}",
                    Durations.format(Duration.between(startedAt, Instant.now())),
                    TaskQueues.cluster(settings.cluster()), Durations.format(settings.heartbeatInterval()));
            // Only a warning: asked once the node polls, off the path of a rebooted node's return.
            DaemonThreads.named("search-attributes").newThread(() -> SearchAttributesCheck.missing(temporal.stubs(),
                    settings.temporalNamespace()).ifPresent(log::warn)).start();
            metrics.serve();
            Optional<StatusSocket> statusSocket = StatusSocket.serve(settings.runDir(), settings.fingerprint(),
                    answers::status);
            stop.await();

            log.info("stopping: no new work, {} for work in flight", Durations.format(STOP_GRACE));
            Instant stopping = Instant.now();
            statusSocket.ifPresent(StatusSocket::close);
            workers.shutdown();
            workers.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            workers.shutdownNow();
            Instant workersStopped = Instant.now();
            schedule.shutdownNow();
            heartbeats.lastBeat();
            Instant stopped = Instant.now();
            log.info("stopped in {}: workers {}, last heartbeat {}", Durations.format(Duration.between(stopping, stopped)),
                    Durations.format(Duration.between(stopping, workersStopped)),
                    Durations.format(Duration.between(workersStopped, stopped)));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private DaemonStatus waiting(Instant startedAt, BootIdFile bootIds, StartupWait.Waiting waiting) {
        return new DaemonStatus(ProcessHandle.current().pid(), settings.cluster(), settings.node(), Version.current(),
                startedAt, DaemonStatus.WAITING, waiting.line(), bootIds.current(), settings.temporalTarget(),
                waiting.temporalProblem().isEmpty(), waiting.temporalProblem().orElse(null),
                waiting.postgresProblem().isEmpty(), waiting.postgresProblem().orElse(null), null, null, null);
    }

    /**
     * This node has rejoined once its healthcmd passes and this daemon's first heartbeat is in
     * PostgreSQL, where the workflow looks next: the workers need not wait for that post to
     * start polling, and the workflow never sees a rejoined node without its new heartbeat. The
     * first pass after a reboot times the rejoin, by the database's clock, for the metrics.
     */
    private HealthCheck rejoinCheck(HeartbeatLoop heartbeats, Optional<NodeHeartbeatRow> previousBoot,
                                    DaemonMetrics metrics, CommandLog kept) {
        HealthCheck health = healthCheck(kept).orElse(HealthCheck.NONE);
        AtomicBoolean timed = new AtomicBoolean(previousBoot.isEmpty());
        return () -> {
            Optional<String> why = heartbeats.awaitFirstPost(FIRST_POST_PATIENCE) ? health.whyNotHealthy()
                    : Optional.of("its daemon's first heartbeat is not in PostgreSQL yet");
            if (why.isEmpty() && !timed.getAndSet(true)) {
                metrics.rejoined(Duration.between(previousBoot.get().postedAt(), heartbeats.databaseNow()));
            }
            return why;
        };
    }

    private NodeActivitiesImpl nodeActivities(BootIdFile bootIds, HealthCheck rejoinCheck, NodeClaim claim,
                                              Looks looks, Rebooter rebooter, KeptOutputs kept) {
        Drainer drainer = settings.drainCommand()
                .<Drainer>map(command -> new CommandDrainer(command, settings.rebootTimeout(), kept))
                .orElse(Drainer.NONE);
        Blocker blocker = settings.blockCommand()
                .<Blocker>map(command -> new CommandBlocker(command, BLOCK_CHECK_TIMEOUT, kept)).orElse(Blocker.NONE);
        return new NodeActivitiesImpl(settings.node(), bootIds, blocker, drainer, rebooter, rejoinCheck, claim,
                looks::look, kept);
    }

    /** What the properties file holds that no kept output may show. */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        settings.dbPassword().ifPresent(secrets::add);
        settings.notifyUrl().map(URI::toString).ifPresent(secrets::add);
        return secrets;
    }

    /** healthcmd, each run kept in {@code kept} (the heartbeat loop's runs are kept nowhere). */
    private Optional<HealthCheck> healthCheck(CommandLog kept) {
        return settings.healthCommand().map(command -> new CommandHealthCheck(command, settings.checkTimeout(), kept));
    }

    /** sentinelcmd if set, else the sentinel file. */
    private Sentinel sentinel() {
        return settings.sentinelCommand().<Sentinel>map(command -> new CommandSentinel(command, settings.checkTimeout()))
                .orElse(new FileSentinel(settings.sentinel()));
    }

    private Optional<MasterCheck> masterCheck() {
        return settings.masterCommand().map(command -> new CommandMasterCheck(command, settings.checkTimeout()));
    }
}
