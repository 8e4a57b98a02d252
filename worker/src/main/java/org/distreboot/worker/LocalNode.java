package org.distreboot.worker;

import java.util.concurrent.ScheduledExecutorService;
import org.distreboot.activities.BootIdFile;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.KeptOutputs;
import org.distreboot.activities.Looks;
import org.distreboot.activities.NodeActivitiesImpl;
import org.distreboot.activities.NodeClaim;
import org.distreboot.activities.Redaction;
import org.distreboot.activities.Shell;
import org.distreboot.client.Postgres;
import org.distreboot.client.config.Settings;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * This host's own node, as its daemon serves it: the boot id read from bootidfile, the commands
 * run by this host's shell, rebootcmd run once the daemon has left the cluster's queue (it goes
 * down with the node), the rejoin timed from the previous boot's last heartbeat.
 */
final class LocalNode {
    private LocalNode() {
    }

    static ServedNode of(Settings settings, BootIdFile bootIds, ThisDaemon me, FoundAtStart found, HeartbeatLoop loop,
                         Postgres postgres, Looks looks, DaemonMetrics metrics, WarmingWorkers workers,
                         ScheduledExecutorService schedule) {
        NodeCommands commands = new NodeCommands(settings, Shell.LOCAL);
        KeptOutputs kept = new KeptOutputs(settings.cluster(), settings.node(), bootIds, postgres::outputs,
                new Redaction(commands.secrets()));
        NodeBeat beat = new NodeBeat(settings.cluster(), settings.node(), () -> {
            String boot = bootIds.current();
            return new Sighting(boot, me.host().describe(boot), me.host().machineId());
        }, commands.master(), commands.health(CommandLog.NONE), commands.sentinel(), me::topology, null, loop);
        RejoinCheck rejoin = new RejoinCheck(beat, bootIds, commands.health(kept).orElse(HealthCheck.NONE),
                found.previousBoot(), loop, metrics);
        NodeClaim claim = () -> postgres.store().list(settings.cluster()).node(settings.node())
                .flatMap(NodeHeartbeatRow::claimedBy);
        return new ServedNode(settings.node(), beat, new NodeActivitiesImpl(settings.node(), bootIds,
                commands.blocker(kept), commands.drainer(kept),
                new LeavingRebooter(commands.rebooter(kept), workers, schedule), rejoin, claim, looks::look, kept));
    }
}
