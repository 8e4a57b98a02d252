package org.distreboot.worker;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.KeptOutputs;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * This node has rejoined once its healthcmd passes and this daemon's first heartbeat is in
 * PostgreSQL, where the workflow looks next: the workers need not wait for that post to
 * start polling, and the workflow never sees a rejoined node without its new heartbeat. The
 * first pass after a reboot times the rejoin, by the database's clock, for the metrics.
 */
@Singleton
final class RejoinCheck implements HealthCheck {
    private static final Duration FIRST_POST_PATIENCE = Duration.ofSeconds(5);

    private final HeartbeatLoop heartbeats;
    private final HealthCheck health;
    private final Optional<NodeHeartbeatRow> previousBoot;
    private final DaemonMetrics metrics;
    private final AtomicBoolean timed;

    RejoinCheck(HeartbeatLoop heartbeats, NodeCommands commands, KeptOutputs kept, FoundAtStart found,
                DaemonMetrics metrics) {
        this.heartbeats = heartbeats;
        this.health = commands.health(kept).orElse(HealthCheck.NONE);
        this.previousBoot = found.previousBoot();
        this.metrics = metrics;
        this.timed = new AtomicBoolean(previousBoot.isEmpty());
    }

    @Override
    public Optional<String> whyNotHealthy() {
        Optional<String> why = heartbeats.awaitFirstPost(FIRST_POST_PATIENCE) ? health.whyNotHealthy()
                : Optional.of("its daemon's first heartbeat is not in PostgreSQL yet");
        if (why.isEmpty() && !timed.getAndSet(true)) {
            metrics.rejoined(Duration.between(previousBoot.get().postedAt(), heartbeats.databaseNow()));
        }
        return why;
    }
}
