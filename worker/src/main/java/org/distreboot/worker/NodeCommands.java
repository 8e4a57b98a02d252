package org.distreboot.worker;

import java.net.URI;
import java.nio.file.Path;
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
import org.distreboot.activities.CommandTopology;
import org.distreboot.activities.Drainer;
import org.distreboot.activities.FileSentinel;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.MasterCheck;
import org.distreboot.activities.Rebooter;
import org.distreboot.activities.Sentinel;
import org.distreboot.activities.Shell;
import org.distreboot.activities.ShellCommand;
import org.distreboot.activities.ssh.SshRebooter;
import org.distreboot.activities.ssh.SshShell;
import org.distreboot.client.config.CommandProperties;
import org.distreboot.client.config.DbProperties;
import org.distreboot.client.config.NotifyProperties;
import org.distreboot.client.config.Settings;


/**
 * A node's commands, from the properties alone (never from a workflow's input), run by its shell:
 * this host's, or the node's over ssh. Each seam is its command when the properties set one, else
 * what the manual does without it.
 */
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
    private final Optional<String> topologycmd;
    private final Shell shell;

    NodeCommands(Settings settings, Shell shell) {
        this.commands = settings.commands();
        this.topologycmd = settings.host().topologycmd();
        this.checkTimeout = settings.heartbeat().checkTimeout();
        this.drainTimeout = settings.reboot().timeout();
        this.db = settings.db();
        this.notify = settings.notifications();
        this.shell = shell;
    }

    /** healthcmd, each run kept in {@code kept} (the heartbeat loop's runs are kept nowhere: {@link CommandLog#NONE}). */
    Optional<HealthCheck> health(CommandLog kept) {
        return commands.healthcmd().map(command -> new CommandHealthCheck(run("healthcmd", command, kept), checkTimeout));
    }

    Optional<MasterCheck> master() {
        return commands.mastercmd().map(command -> new CommandMasterCheck(run("mastercmd", command, CommandLog.NONE),
                checkTimeout));
    }

    /** sentinelcmd if set, else the sentinel file: read here on this host, looked for by the node's shell over ssh. */
    Sentinel sentinel() {
        if (commands.sentinelcmd().isEmpty() && shell == Shell.LOCAL) {
            return new FileSentinel(commands.sentinel());
        }
        String command = commands.sentinelcmd().orElse("test -e " + SshShell.quoted(commands.sentinel().toString()));
        return new CommandSentinel(run("sentinelcmd", command, CommandLog.NONE), checkTimeout);
    }

    Drainer drainer(CommandLog kept) {
        return commands.draincmd()
                .<Drainer>map(command -> new CommandDrainer(run("draincmd", command, kept), drainTimeout))
                .orElse(Drainer.NONE);
    }

    Blocker blocker(CommandLog kept) {
        return commands.blockcmd()
                .<Blocker>map(command -> new CommandBlocker(run("blockcmd", command, kept), BLOCK_CHECK_TIMEOUT))
                .orElse(Blocker.NONE);
    }

    /** rebootcmd on this host (a node over ssh has its own: {@link SshRebooter}, which checks the boot in the same step). */
    Rebooter rebooter(CommandLog kept) {
        return new CommandRebooter(commands.rebootcmd(), REBOOT_GRACE, kept);
    }

    /** rebootcmd on a node over ssh, run only while it still runs the boot recorded before. */
    Rebooter rebooterOverSsh(SshShell ssh, Path bootIdFile, CommandLog kept) {
        return new SshRebooter(ssh, bootIdFile, commands.rebootcmd(), REBOOT_GRACE, kept);
    }

    /** The node's quorum group from topologycmd, run by its shell; throws with one line saying why there is none. */
    Optional<String> topologyFromCommand(Duration timeout) {
        return topologycmd.map(command -> new CommandTopology(run("topologycmd", command, CommandLog.NONE),
                timeout).group());
    }

    private ShellCommand run(String name, String command, CommandLog kept) {
        return new ShellCommand(name, command, kept, shell);
    }

    /** What the properties file holds that no kept output may show. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        db.password().ifPresent(secrets::add);
        notify.url().map(URI::toString).ifPresent(secrets::add);
        return secrets;
    }
}
