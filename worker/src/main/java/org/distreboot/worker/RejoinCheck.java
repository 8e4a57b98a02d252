package org.distreboot.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distreboot.activities.BootIdSource;
import org.distreboot.activities.HealthCheck;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * A node has rejoined once its healthcmd passes and its heartbeat on the new boot is in
 * PostgreSQL, where the workflow looks next (posted now if the last one was on the old boot): the
 * workers need not wait for that post to start polling, and the workflow never sees a rejoined
 * node without its new heartbeat. The first pass after a reboot times the rejoin, by the
 * database's clock, from the previous boot's last heartbeat, when the daemon found one at start.
 */
final class RejoinCheck implements HealthCheck {
    private final NodeBeat beat;
    private final BootIdSource bootIds;
    private final HealthCheck health;
    private final Optional<NodeHeartbeatRow> previousBoot;
    private final HeartbeatLoop loop;
    private final DaemonMetrics metrics;
    private final AtomicBoolean timed;

    RejoinCheck(NodeBeat beat, BootIdSource bootIds, HealthCheck health, Optional<NodeHeartbeatRow> previousBoot,
                HeartbeatLoop loop, DaemonMetrics metrics) {
        this.beat = beat;
        this.bootIds = bootIds;
        this.health = health;
        this.previousBoot = previousBoot;
        this.loop = loop;
        this.metrics = metrics;
        this.timed = new AtomicBoolean(previousBoot.isEmpty());
    }

    @Override
    public Optional<String> whyNotHealthy() {
        String boot = bootIds.current();
        Optional<String> why = beat.postedOn(boot) ? health.whyNotHealthy()
                : Optional.of("its heartbeat on boot " + boot + " is not in PostgreSQL yet");
        if (why.isEmpty() && !timed.getAndSet(true)) {
            metrics.rejoined(Duration.between(previousBoot.get().postedAt(), loop.databaseNow()));
        }
        return why;
    }
}
