package org.distreboot.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.distreboot.client.DaemonStatus;
import org.distreboot.client.Postgres;
import org.distreboot.client.Problems;
import org.distreboot.client.RunDir;
import org.distreboot.client.Version;
import org.distreboot.client.config.Settings;
import org.distreboot.db.Heartbeat;
import org.distreboot.workflow.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's beat, beside each node's ({@link NodeBeat}): a look at the Temporal service, the
 * status file, now and then the purge; and the one door to the heartbeat table, which keeps how
 * PostgreSQL answers (said once when it stops, once when it answers again). A node's heartbeat
 * says how this daemon coordinates: whether Temporal answered its last look, and how long ago a
 * poll of its answered.
 */
final class HeartbeatLoop {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** Command output is kept at least this long, for a look back at last month's reboots. */
    private static final Duration OUTPUT_KEPT = Duration.ofDays(30);

    private final Settings settings;
    private final Postgres postgres;
    private final Supplier<WorkflowServiceStubs> temporal;
    private final PollClock polls;
    private final RunDir runDir;
    private final String daemonId;
    private final Instant startedAt;
    private volatile List<NodeBeat> nodes = List.of();
    /** The first purge waits a while: start-up is the wrong moment for housekeeping. */
    private Instant lastPurge = Instant.now();
    /** Read by the metrics' scrapes, while a beat may run: the fields they read are volatile. */
    private volatile Instant lastPostedAt;
    /** The database time of the last post: with {@link #lastPostedAt}, the offset of the database's clock. */
    private volatile Instant lastPostedAtByDatabase;
    private volatile String postgresError = "not tried yet";
    private volatile String temporalError = "not tried yet";
    /** Whether the Temporal service was looked at yet: the first heartbeat cannot say how it is. */
    private volatile boolean temporalLooked;
    private final AtomicLong postFailures = new AtomicLong();

    HeartbeatLoop(Settings settings, Postgres postgres, Supplier<WorkflowServiceStubs> temporal, PollClock polls,
                  RunDir runDir, String daemonId, Instant startedAt) {
        this.settings = settings;
        this.postgres = postgres;
        this.temporal = temporal;
        this.polls = polls;
        this.runDir = runDir;
        this.daemonId = daemonId;
        this.startedAt = startedAt;
    }

    /** The nodes whose heartbeats this daemon posts: its own, or those it serves over ssh. */
    void serving(List<NodeBeat> beats) {
        nodes = List.copyOf(beats);
    }

    /** One beat of the daemon's own: a look at Temporal, the status file, the purge now and then. Never throws. */
    synchronized void beat() {
        purgeNowAndThen();
        lookAtTemporal();
        writeStatus();
    }

    /**
     * Posts {@code heartbeat} (a stopping one expires at once), {@code previous} being the database
     * time of this daemon's previous post of that node; the database time of this one, or empty
     * when PostgreSQL did not take it.
     */
    Optional<Instant> post(Heartbeat heartbeat, boolean stopping, Instant previous) {
        try {
            Instant posted = postgres.store().post(heartbeat, stopping ? Duration.ofMillis(1)
                    : settings.heartbeat().ttl(), previous);
            if (postgresError != null) {
                log.info("posting heartbeats to PostgreSQL");
            }
            postgresError = null;
            lastPostedAt = Instant.now();
            lastPostedAtByDatabase = posted;
            return Optional.of(posted);
        } catch (RuntimeException e) {
            postFailures.incrementAndGet();
            String problem = Problems.describe(e);
            if (postgresError == null) {
                log.warn("{}; heartbeats not posted", Problems.connection("PostgreSQL",
                        Problems.withoutParameters(settings.db().url()), e));
            }
            postgresError = problem;
            return Optional.empty();
        }
    }

    /** The daemon's last word for each of its nodes: a heartbeat that expires at once and says it stops. */
    void lastBeat() {
        nodes.forEach(NodeBeat::lastBeat);
    }

    String daemonId() {
        return daemonId;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** How long mastercmd, healthcmd and sentinelcmd may take on a beat. */
    Duration checkTimeout() {
        return settings.heartbeat().checkTimeout();
    }

    /** How long ago a poll of this daemon's last answered; empty before the first. */
    Optional<Duration> sinceLastPoll() {
        return polls.last().map(poll -> Duration.between(poll, Instant.now()));
    }

    /** When this daemon's last heartbeat got into PostgreSQL (this host's clock). */
    Optional<Instant> lastPostedAt() {
        return Optional.ofNullable(lastPostedAt);
    }

    long postFailures() {
        return postFailures.get();
    }

    boolean postgresConnected() {
        return postgresError == null;
    }

    /** Whether the Temporal service answered the last look; empty before the first. */
    Optional<Boolean> temporalConnected() {
        return temporalLooked ? Optional.of(temporalError == null) : Optional.empty();
    }

    /** Now by the database's clock, as the last post told it; this host's before any. */
    Instant databaseNow() {
        Instant posted = lastPostedAt;
        Instant postedByDatabase = lastPostedAtByDatabase;
        Instant now = Instant.now();
        return posted == null || postedByDatabase == null ? now : now.plus(Duration.between(posted, postedByDatabase));
    }

    /** Housekeeping for the whole table, once a minute, only while PostgreSQL answers. */
    private void purgeNowAndThen() {
        Instant now = Instant.now();
        if (postgresError != null || Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        try {
            int purged = postgres.store().purge(settings.heartbeat().purge());
            if (purged > 0) {
                log.info("purged {} heartbeats expired for longer than {}", purged,
                        Durations.format(settings.heartbeat().purge()));
            }
            Duration outputAge = settings.heartbeat().purge().compareTo(OUTPUT_KEPT) > 0 ? settings.heartbeat().purge()
                    : OUTPUT_KEPT;
            int outputs = postgres.outputs().purge(outputAge);
            if (outputs > 0) {
                log.info("purged the output of {} commands older than {}", outputs, Durations.format(outputAge));
            }
        } catch (RuntimeException e) {
            log.warn("purge failed: {}", Problems.describe(e));
        }
    }

    private void lookAtTemporal() {
        temporalLooked = true;
        try {
            temporal.get().healthCheck();
            if (temporalError != null) {
                log.info("connected to Temporal at {}", settings.temporal().target());
            }
            temporalError = null;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The daemon is stopping (its schedule shut down mid-look): not a problem of Temporal's.
                log.debug("Temporal not looked at: the daemon is stopping");
                return;
            }
            String problem = Problems.describe(e);
            if (temporalError == null) {
                log.warn(Problems.connection("Temporal", settings.temporal().target(), e));
            }
            temporalError = problem;
        }
    }

    /** The status file: this daemon, and its own node's last heartbeat (none on a control host). */
    private void writeStatus() {
        Optional<Heartbeat> own = nodes.stream().filter(node -> node.node().equals(settings.node())).findFirst()
                .flatMap(NodeBeat::last);
        try {
            runDir.writeStatus(new DaemonStatus(ProcessHandle.current().pid(),
                    settings.cluster(), settings.node(), Version.current(), startedAt, DaemonStatus.RUNNING, null,
                    own.map(Heartbeat::bootId).orElse(null), settings.temporal().target(), temporalError == null,
                    temporalError, postgresError == null, postgresError, lastPostedAt,
                    own.map(Heartbeat::role).orElse(null), own.map(Heartbeat::ready).orElse(null)).toJson());
        } catch (Exception e) {
            log.warn("status file not written: {}", Problems.describe(e));
        }
    }
}
