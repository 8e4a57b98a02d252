package org.distreboot.worker;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.distreboot.activities.BootIdFile;
import org.distreboot.client.AlreadyRunningException;
import org.distreboot.client.DaemonStatus;
import org.distreboot.client.DaemonThreads;
import org.distreboot.client.Postgres;
import org.distreboot.client.RunDir;
import org.distreboot.client.StatusSocket;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.Version;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.TaskQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * `distreboot --start`: the node daemon, in the foreground. It posts node heartbeats and is a
 * Temporal worker on the cluster's queue and on this node's queue; on a control host (ssh.nodes),
 * for each node it serves over ssh instead. On SIGTERM it stops
 * polling, lets an activity in flight finish (within a bound), posts a last heartbeat that
 * marks the node as stopping, and exits 0. Its parts come from the context, each when its
 * turn comes, and the context closes them once it has stopped.
 */
@Singleton
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long an activity in flight may take to finish once SIGTERM came. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Settings settings;
    private final BeanProvider<BootIdFile> bootIds;
    private final BeanProvider<ThisDaemon> me;
    private final BeanProvider<DaemonMetrics> metrics;
    private final BeanProvider<TemporalOpening> opening;
    private final BeanProvider<RunDir> runDir;
    private final BeanProvider<Postgres> postgres;
    private final BeanProvider<FoundAtStart> found;
    private final BeanProvider<HeartbeatLoop> heartbeats;
    private final BeanProvider<WarmingWorkers> workers;
    private final BeanProvider<ServedNodes> served;
    private final BeanProvider<ScheduledExecutorService> schedule;
    private final BeanProvider<PollClock> polls;
    private final BeanProvider<DaemonAnswers> answers;
    private final CountDownLatch stop = new CountDownLatch(1);

    Daemon(Settings settings, BeanProvider<BootIdFile> bootIds, BeanProvider<ThisDaemon> me,
           BeanProvider<DaemonMetrics> metrics, BeanProvider<TemporalOpening> opening, BeanProvider<RunDir> runDir,
           BeanProvider<Postgres> postgres, BeanProvider<FoundAtStart> found, BeanProvider<HeartbeatLoop> heartbeats,
           BeanProvider<WarmingWorkers> workers, BeanProvider<ServedNodes> served,
           @Named("heartbeat") BeanProvider<ScheduledExecutorService> schedule, BeanProvider<PollClock> polls,
           BeanProvider<DaemonAnswers> answers) {
        this.settings = settings;
        this.bootIds = bootIds;
        this.me = me;
        this.metrics = metrics;
        this.opening = opening;
        this.runDir = runDir;
        this.postgres = postgres;
        this.found = found;
        this.heartbeats = heartbeats;
        this.workers = workers;
        this.served = served;
        this.schedule = schedule;
        this.polls = polls;
        this.answers = answers;
    }

    /**
     * Runs until SIGTERM or SIGINT; throws {@link AlreadyRunningException} if the rundir is taken.
     * Until Temporal and PostgreSQL both answer it only waits; then it heartbeats and polls.
     */
    public int run() {
        boolean overSsh = settings.ssh().overSsh();
        // A node's daemon cannot start without its boot id; a control host's reads its nodes' over ssh.
        Optional<BootIdFile> boot = overSsh ? Optional.empty() : Optional.of(bootIds.get());
        if (overSsh) {
            SshFiles.require(settings);
        }
        ThisDaemon self = me.get();
        // The Temporal client is made aside (opening) while the rundir is claimed and PostgreSQL's pool opens.
        DaemonMetrics figures = metrics.get();
        opening.get();
        RunDir claimed = runDir.get();
        Postgres database = postgres.get();
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        if (boot.isPresent()) {
            log.info("distreboot {} starting on node {} of cluster {}{} (boot {})", Version.current(), settings.node(),
                    settings.cluster(), self.topology().map(group -> ", group " + group).orElse(""),
                    boot.get().current());
        } else {
            log.info("distreboot {} starting on control host {} of cluster {}: serving {} over ssh", Version.current(),
                    settings.node(), settings.cluster(), String.join(", ",
                            settings.ssh().served().stream().map(node -> node.name()).toList()));
        }
        PlainText.warnings(settings).forEach(log::warn);
        TemporalConnection temporal = opening.get().join();
        StartupWait startup = new StartupWait(settings, temporal.stubs(), database,
                waitingFor -> claimed.writeStatus(waiting(self, boot, waitingFor).toJson()), stop);
        try {
            if (!startup.untilServicesAnswer()) {
                log.info("stopped before Temporal and PostgreSQL answered");
                return 0;
            }
            if (boot.isPresent()) {
                Optional<String> taken = NodeNameCheck.takenBy(found.get().heartbeats(), settings, self.host(),
                        boot.get().current());
                if (taken.isPresent()) {
                    throw new AlreadyRunningException(taken.get());
                }
            }
            HeartbeatLoop beats = heartbeats.get();
            ServedNodes nodes = served.get();
            figures.watch(beats, polls.get());
            DaemonAnswers answering = answers.get();
            figures.watchRun(answering::figures);
            ScheduledExecutorService every = schedule.get();
            long interval = settings.heartbeat().interval().toMillis();
            for (NodeBeat beat : nodes.beats()) {
                every.scheduleWithFixedDelay(beat::post, 0, interval, TimeUnit.MILLISECONDS);
            }
            every.scheduleWithFixedDelay(beats::beat, 0, interval, TimeUnit.MILLISECONDS);
            WarmingWorkers polling = workers.get();
            polling.start(nodes.activities());
            log.info("daemon up in {}: polling {}, {} after a warm-up, heartbeat every {}",
                    Durations.format(Duration.between(self.startedAt(), Instant.now())), nodes.queues(),
                    TaskQueues.cluster(settings.cluster()), Durations.format(settings.heartbeat().interval()));
            // Only warnings: asked once the node polls, off the path of a rebooted node's return.
            String namespace = settings.temporal().namespace();
            DaemonThreads.named("server-checks").newThread(() -> {
                SearchAttributesCheck.missing(temporal.stubs(), namespace).ifPresent(log::warn);
                PollShutdownCheck.missing(temporal.stubs(), namespace).ifPresent(log::warn);
            }).start();
            figures.serve();
            Optional<StatusSocket> statusSocket = StatusSocket.serve(settings.host().rundir(), settings.fingerprint(),
                    answering::status);
            stop.await();

            log.info("stopping: no new work, {} for work in flight", Durations.format(STOP_GRACE));
            Instant stopping = Instant.now();
            statusSocket.ifPresent(StatusSocket::close);
            polling.shutdown();
            polling.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            polling.shutdownNow();
            Instant workersStopped = Instant.now();
            every.shutdownNow();
            beats.lastBeat();
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

    private DaemonStatus waiting(ThisDaemon self, Optional<BootIdFile> boot, StartupWait.Waiting waiting) {
        return new DaemonStatus(ProcessHandle.current().pid(), settings.cluster(), settings.node(), Version.current(),
                self.startedAt(), DaemonStatus.WAITING, waiting.line(), boot.map(BootIdFile::current).orElse(null),
                settings.temporal().target(),
                waiting.temporalProblem().isEmpty(), waiting.temporalProblem().orElse(null),
                waiting.postgresProblem().isEmpty(), waiting.postgresProblem().orElse(null), null, null, null);
    }
}
