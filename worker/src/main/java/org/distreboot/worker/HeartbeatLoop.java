package org.distreboot.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.distreboot.activities.BootIdSource;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.MasterCheck;
import org.distreboot.activities.Sentinel;
import org.distreboot.client.DaemonStatus;
import org.distreboot.client.DaemonThreads;
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
 * One node heartbeat per beat: boot id, role (mastercmd), ready (healthcmd), whether it needs a
 * reboot (sentinel or sentinelcmd), whether the Temporal service answered the last look and how long
 * ago a poll of this daemon's answered, posted to PostgreSQL; then a look at the Temporal service and
 * the status file. Each command has its
 * own timeout, so a hanging one cannot stall the heartbeats.
 */
final class HeartbeatLoop {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** Command output is kept at least this long, for a look back at last month's reboots. */
    private static final Duration OUTPUT_KEPT = Duration.ofDays(30);

    private final Settings settings;
    private final BootIdSource bootIds;
    private final Optional<MasterCheck> master;
    private final Optional<HealthCheck> health;
    private final Sentinel sentinel;
    private final Postgres postgres;
    private final Supplier<WorkflowServiceStubs> temporal;
    private final PollClock polls;
    private final RunDir runDir;
    private final String daemonId;
    private final Instant startedAt;
    private final HostIdentity host;
    private final Optional<String> topology;
    private final ExecutorService checks = Executors.newFixedThreadPool(3, DaemonThreads.named("heartbeat-check"));
    private final CountDownLatch firstPost = new CountDownLatch(1);
    /** The first purge waits a while: start-up is the wrong moment for housekeeping. */
    private Instant lastPurge = Instant.now();
    private Heartbeat last;
    /** Read by the metrics' scrapes, while a beat may run: the fields they read are volatile. */
    private volatile Instant lastPostedAt;
    /** The database time of this daemon's previous post: a later post by another daemon is a second host. */
    private volatile Instant previousPost;
    private volatile String postgresError = "not tried yet";
    private volatile String temporalError = "not tried yet";
    /** Whether the Temporal service was looked at yet: the first heartbeat cannot say how it is. */
    private volatile boolean temporalLooked;
    private final AtomicLong postFailures = new AtomicLong();

    HeartbeatLoop(Settings settings, BootIdSource bootIds, Optional<MasterCheck> master, Optional<HealthCheck> health,
                  Sentinel sentinel, Postgres postgres, Supplier<WorkflowServiceStubs> temporal, PollClock polls,
                  RunDir runDir, String daemonId, Instant startedAt, HostIdentity host, Optional<String> topology) {
        this.settings = settings;
        this.bootIds = bootIds;
        this.master = master;
        this.health = health;
        this.sentinel = sentinel;
        this.postgres = postgres;
        this.temporal = temporal;
        this.polls = polls;
        this.runDir = runDir;
        this.daemonId = daemonId;
        this.startedAt = startedAt;
        this.host = host;
        this.topology = topology;
    }

    /** One beat: the node heartbeat, a look at Temporal, the status file. Never throws. */
    synchronized void beat() {
        postHeartbeat();
        purgeNowAndThen();
        lookAtTemporal();
        writeStatus();
    }

    /** Only the node heartbeat: what must be in PostgreSQL before the daemon's first poll. */
    private void postHeartbeat() {
        try {
            CompletableFuture<String> role = CompletableFuture.supplyAsync(
                    () -> master.map(check -> check.isMaster() ? "master" : "member").orElse(null), checks);
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(
                    () -> health.map(check -> check.whyNotHealthy().isEmpty()).orElse(null), checks);
            CompletableFuture<Boolean> required = CompletableFuture.supplyAsync(sentinel::rebootRequired, checks);
            long waitMillis = settings.heartbeat().checkTimeout().toMillis() + 1000;
            String bootId = bootIds.current();
            last = new Heartbeat(settings.cluster(), settings.node(), bootId, daemonId, startedAt,
                    role.get(waitMillis, TimeUnit.MILLISECONDS), ready.get(waitMillis, TimeUnit.MILLISECONDS),
                    Version.current()).from(host.describe(bootId), host.machineId()).inGroup(topology.orElse(null))
                    .needingReboot(required.get(waitMillis, TimeUnit.MILLISECONDS))
                    .coordinating(temporalConnected().orElse(null),
                            polls.last().map(poll -> Duration.between(poll, Instant.now())).orElse(null));
            post(last, settings.heartbeat().ttl());
        } catch (InterruptedException e) {
            // The daemon is stopping (its schedule shut down mid-beat): its last beat says so.
            Thread.currentThread().interrupt();
            log.debug("heartbeat not posted: the daemon is stopping");
        } catch (Exception e) {
            log.warn("heartbeat not posted: {}", Problems.describe(e));
        }
    }

    /** Waits until this daemon's first heartbeat is in PostgreSQL; false if not within {@code patience}. */
    boolean awaitFirstPost(Duration patience) {
        try {
            return firstPost.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The daemon's last word: a heartbeat that expires at once and says the node is stopping. */
    synchronized void lastBeat() {
        if (last != null) {
            post(last.asStopping(), Duration.ofMillis(1));
        }
        checks.shutdownNow();
    }

    private void post(Heartbeat heartbeat, Duration ttl) {
        try {
            previousPost = postgres.store().post(heartbeat, ttl, previousPost);
            if (postgresError != null) {
                log.info("posting heartbeats to PostgreSQL");
            }
            postgresError = null;
            lastPostedAt = Instant.now();
            firstPost.countDown();
        } catch (RuntimeException e) {
            postFailures.incrementAndGet();
            String problem = Problems.describe(e);
            if (postgresError == null) {
                log.warn("{}; heartbeats not posted", Problems.connection("PostgreSQL",
                        Problems.withoutParameters(settings.db().url()), e));
            }
            postgresError = problem;
        }
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
        Instant postedByDatabase = previousPost;
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

    private void writeStatus() {
        try {
            runDir.writeStatus(new DaemonStatus(ProcessHandle.current().pid(),
                    settings.cluster(), settings.node(), Version.current(), startedAt, DaemonStatus.RUNNING, null,
                    last == null ? null : last.bootId(), settings.temporal().target(), temporalError == null,
                    temporalError, postgresError == null, postgresError, lastPostedAt,
                    last == null ? null : last.role(), last == null ? null : last.ready()).toJson());
        } catch (Exception e) {
            log.warn("status file not written: {}", Problems.describe(e));
        }
    }
}
