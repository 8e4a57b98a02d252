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
import org.distreboot.client.config.Settings;

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

    private final Settings settings;

    NodeCommands(Settings settings) {
        this.settings = settings;
    }

    /** healthcmd, each run kept in {@code kept} (the heartbeat loop's runs are kept nowhere: {@link CommandLog#NONE}). */
    Optional<HealthCheck> health(CommandLog kept) {
        return settings.commands().healthcmd().map(command -> new CommandHealthCheck(command, settings.heartbeat().checkTimeout(), kept));
    }

    Optional<MasterCheck> master() {
        return settings.commands().mastercmd().map(command -> new CommandMasterCheck(command, settings.heartbeat().checkTimeout()));
    }

    /** sentinelcmd if set, else the sentinel file. */
    Sentinel sentinel() {
        return settings.commands().sentinelcmd().<Sentinel>map(command -> new CommandSentinel(command, settings.heartbeat().checkTimeout()))
                .orElse(new FileSentinel(settings.commands().sentinel()));
    }

    Drainer drainer(CommandLog kept) {
        return settings.commands().draincmd()
                .<Drainer>map(command -> new CommandDrainer(command, settings.reboot().timeout(), kept))
                .orElse(Drainer.NONE);
    }

    Blocker blocker(CommandLog kept) {
        return settings.commands().blockcmd().<Blocker>map(command -> new CommandBlocker(command, BLOCK_CHECK_TIMEOUT, kept))
                .orElse(Blocker.NONE);
    }

    Rebooter rebooter(CommandLog kept) {
        return new CommandRebooter(settings.commands().rebootcmd(), REBOOT_GRACE, kept);
    }

    /** What the properties file holds that no kept output may show. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        settings.db().password().ifPresent(secrets::add);
        settings.notifications().url().map(URI::toString).ifPresent(secrets::add);
        return secrets;
    }
}
