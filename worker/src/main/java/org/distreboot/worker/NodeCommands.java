package org.distreboot.worker;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distreboot.activities.Blocker;
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
import org.distreboot.activities.MasterCheck;
import org.distreboot.activities.Rebooter;
import org.distreboot.activities.Sentinel;
import org.distreboot.client.config.CommandProperties;
import org.distreboot.client.config.DbProperties;
import org.distreboot.client.config.HeartbeatProperties;
import org.distreboot.client.config.NotifyProperties;
import org.distreboot.client.config.RebootProperties;

/**
 * The node's commands, from the properties alone (never from a workflow's input): each seam is
 * its command when the properties set one, else what the manual does without it.
 */
@Singleton
final class NodeCommands {
    /** How long rebootcmd may take to return before the reboot counts as begun. */
    private static final Duration REBOOT_GRACE = Duration.ofSeconds(5);
    /** How long blockcmd may take (a query to an alerting service, say), within the call's 30 s. */
    private static final Duration BLOCK_CHECK_TIMEOUT = Duration.ofSeconds(20);

    private final CommandProperties commands;
    /** mastercmd, healthcmd and sentinelcmd run in the heartbeat loop: never longer than a beat. */
    private final Duration checkTimeout;
    /** draincmd may take as long as a node may take to come back. */
    private final Duration drainTimeout;
    private final DbProperties db;
    private final NotifyProperties notify;

    NodeCommands(CommandProperties commands, HeartbeatProperties heartbeat, RebootProperties reboot, DbProperties db,
                 NotifyProperties notify) {
        this.commands = commands;
        this.checkTimeout = heartbeat.checkTimeout();
        this.drainTimeout = reboot.timeout();
        this.db = db;
        this.notify = notify;
    }

    /** healthcmd, each run kept in {@code kept} (the heartbeat loop's runs are kept nowhere: {@link CommandLog#NONE}). */
    Optional<HealthCheck> health(CommandLog kept) {
        return commands.healthcmd().map(command -> new CommandHealthCheck(command, checkTimeout, kept));
    }

    Optional<MasterCheck> master() {
        return commands.mastercmd().map(command -> new CommandMasterCheck(command, checkTimeout));
    }

    /** sentinelcmd if set, else the sentinel file. */
    Sentinel sentinel() {
        return commands.sentinelcmd().<Sentinel>map(command -> new CommandSentinel(command, checkTimeout))
                .orElse(new FileSentinel(commands.sentinel()));
    }

    Drainer drainer(CommandLog kept) {
        return commands.draincmd()
                .<Drainer>map(command -> new CommandDrainer(command, drainTimeout, kept))
                .orElse(Drainer.NONE);
    }

    Blocker blocker(CommandLog kept) {
        return commands.blockcmd().<Blocker>map(command -> new CommandBlocker(command, BLOCK_CHECK_TIMEOUT, kept))
                .orElse(Blocker.NONE);
    }

    Rebooter rebooter(CommandLog kept) {
        return new CommandRebooter(commands.rebootcmd(), REBOOT_GRACE, kept);
    }

    /** What the properties file holds that no kept output may show. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        db.password().ifPresent(secrets::add);
        notify.url().map(URI::toString).ifPresent(secrets::add);
        return secrets;
    }
}
