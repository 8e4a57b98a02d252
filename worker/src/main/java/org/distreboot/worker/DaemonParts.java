package org.distreboot.worker;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.distreboot.activities.BootIdFile;
import org.distreboot.client.DaemonThreads;
import org.distreboot.client.Postgres;
import org.distreboot.client.RunDir;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.config.ConfigException;
import org.distreboot.client.config.Settings;

/**
 * The daemon's parts, made by the context from the properties when the daemon asks for them, and
 * closed by it once the daemon has stopped.
 */
@Factory
final class DaemonParts {

    /** The kernel's boot id, read at once: the daemon proves each reboot by it, and cannot start without. */
    @Singleton
    BootIdFile bootIds(Settings settings) {
        BootIdFile bootIds = new BootIdFile(settings.host().bootidfile());
        try {
            bootIds.current();
        } catch (RuntimeException e) {
            throw new ConfigException(e.getMessage() + " (set in " + (settings.source() == null
                    ? "distreboot.properties" : settings.source()) + "); the daemon proves each reboot by it");
        }
        return bootIds;
    }

    /** This daemon; the quorum group is its own node's (a control host's daemon has none: its nodes have theirs). */
    @Singleton
    ThisDaemon thisDaemon(Settings settings) {
        return new ThisDaemon(UUID.randomUUID().toString(), Instant.now(), HostIdentity.of(settings.host().machineidfile()),
                settings.ssh().overSsh() ? Optional.empty() : NodeTopology.of(settings));
    }

    /** When a poll of this daemon's last answered: its heartbeat says so. */
    @Singleton
    PollClock polls() {
        return new PollClock();
    }

    @Singleton
    @Bean(preDestroy = "close")
    DaemonMetrics metrics(Settings settings) {
        return DaemonMetrics.of(settings);
    }

    /**
     * The Temporal client, made aside while PostgreSQL's pool opens: a rebooted node's daemon is on
     * the run's critical path, and that client is most of its start.
     */
    @Singleton
    @Bean(preDestroy = "close")
    TemporalOpening temporalOpening(Settings settings, PollClock polls, DaemonMetrics metrics) {
        return TemporalOpening.begin(settings, settings.node() + "/pid-" + ProcessHandle.current().pid(),
                Duration.ofSeconds(10), polls, metrics.temporalScope());
    }

    /** The client, once made (not once the service answers: that is the startup wait's). */
    @Singleton
    TemporalConnection temporal(TemporalOpening opening) {
        return opening.join();
    }

    /** The rundir, claimed: a second daemon on this host is refused. */
    @Singleton
    @Bean(preDestroy = "close")
    RunDir runDir(Settings settings) {
        return RunDir.claim(settings.host().rundir());
    }

    @Singleton
    @Bean(preDestroy = "close")
    Postgres postgres(Settings settings) {
        return Postgres.pooled(settings);
    }

    /** Asked once PostgreSQL answers, before this daemon's first post. */
    @Singleton
    FoundAtStart foundAtStart(Postgres postgres, Settings settings, BootIdFile bootIds) {
        return new FoundAtStart(postgres.store().list(settings.cluster()), settings.node(), bootIds.current());
    }

    /**
     * The daemon's beat and each node's, and a reboot's last look at the workers: a thread each, so
     * that a node slow to answer (over ssh, say) holds up no other's heartbeat.
     */
    @Singleton
    @Named("heartbeat")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService schedule(Settings settings) {
        return Executors.newScheduledThreadPool(1 + Math.max(1, settings.ssh().served().size()),
                DaemonThreads.named("heartbeat"));
    }

    @Singleton
    HeartbeatLoop heartbeats(Settings settings, Postgres postgres, TemporalConnection temporal, PollClock polls,
                             RunDir runDir, ThisDaemon me) {
        return new HeartbeatLoop(settings, postgres, temporal::stubs, polls, runDir, me.id(), me.startedAt());
    }
}
