package org.distreboot.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.distreboot.activities.CommandLog;
import org.distreboot.activities.HealthCheck;
import org.distreboot.activities.KeptOutputs;
import org.distreboot.activities.Looks;
import org.distreboot.activities.NodeActivitiesImpl;
import org.distreboot.activities.NodeClaim;
import org.distreboot.activities.Redaction;
import org.distreboot.activities.ssh.SshProbe;
import org.distreboot.activities.ssh.SshShell;
import org.distreboot.client.Postgres;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.SshProperties;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * The nodes a control host's daemon serves over ssh (ssh.nodes), each as a daemon of its own would
 * serve it: its heartbeat posted while an ssh probe of it answers, its boot id read and its
 * commands run through ssh, its reboot run only on the boot recorded before.
 */
final class SshNodes {
    private SshNodes() {
    }

    static List<ServedNode> of(Settings settings, HeartbeatLoop loop, Postgres postgres, Looks looks,
                               DaemonMetrics metrics) {
        SshProperties ssh = settings.ssh();
        List<ServedNode> served = new ArrayList<>();
        for (SshProperties.SshNode node : ssh.served()) {
            SshShell shell = new SshShell(node.name(), ssh.destination(node), ssh.knownhosts(), ssh.key(), ssh.timeout());
            SshProbe probe = new SshProbe(shell, settings.host().bootidfile(), settings.host().machineidfile(),
                    ssh.timeout());
            NodeCommands commands = new NodeCommands(settings, shell);
            KeptOutputs kept = new KeptOutputs(settings.cluster(), node.name(), probe.lastRead(), postgres::outputs,
                    new Redaction(commands.secrets()));
            NodeBeat beat = new NodeBeat(settings.cluster(), node.name(), () -> sighting(probe, shell),
                    commands.master(), commands.health(CommandLog.NONE), commands.sentinel(),
                    topology(settings, commands), settings.node(), loop);
            // The boot id the rejoin has just read over ssh, not another session for it.
            RejoinCheck rejoin = new RejoinCheck(beat, probe.lastRead(), commands.health(kept).orElse(HealthCheck.NONE),
                    Optional.empty(), loop, metrics);
            NodeClaim claim = () -> postgres.store().list(settings.cluster()).node(node.name())
                    .flatMap(NodeHeartbeatRow::claimedBy);
            served.add(new ServedNode(node.name(), beat, new NodeActivitiesImpl(node.name(), probe,
                    commands.blocker(kept), commands.drainer(kept),
                    commands.rebooterOverSsh(shell, settings.host().bootidfile(), kept), rejoin, claim, looks::look,
                    kept)));
        }
        return List.copyOf(served);
    }

    private static Sighting sighting(SshProbe probe, SshShell shell) {
        SshProbe.Answer answer = probe.look();
        return new Sighting(answer.bootId(), new HostIdentity(shell.destination() + " over ssh", answer.machineId())
                .describe(answer.bootId()), answer.machineId());
    }

    /**
     * The node's group: the topology property, or topologycmd run on the node over ssh the first
     * time it answers (until it does, the node's heartbeat is not posted: a node counted in the
     * wrong group could go down beside a member of its own).
     */
    private static Supplier<Optional<String>> topology(Settings settings, NodeCommands commands) {
        if (settings.host().topology().isPresent() || settings.host().topologycmd().isEmpty()) {
            return settings.host()::topology;
        }
        return new Supplier<>() {
            private Optional<String> group;

            @Override
            public synchronized Optional<String> get() {
                if (group == null) {
                    group = commands.topologyFromCommand(settings.heartbeat().checkTimeout());
                }
                return group;
            }
        };
    }
}
