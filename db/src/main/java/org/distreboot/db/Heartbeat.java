package org.distreboot.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a daemon posts about its node. {@code role} is "master", "member" or null when
 * unknown (no mastercmd); {@code ready} is the healthcmd verdict, null when unknown;
 * {@code stopping} marks the last heartbeat of a daemon on its way out. {@code host} says,
 * for people, which host posts (name, machine id, boot); {@code machineId} is that host's
 * machine id, empty when unknown. {@code topology} is the node's quorum group, null when the
 * cluster is one group. {@code rebootRequired} says whether the node's reboot-required sentinel is
 * there, null when its daemon does not check. {@code temporalConnected} and {@code sinceLastPoll} say
 * how the daemon's coordination stands (null when it does not say); read back, the store gives the
 * poll's time instead ({@link NodeHeartbeatRow#polledAt}). {@code servedBy} names the control host
 * whose daemon serves the node over ssh, null when the node's own daemon posts.
 */
public record Heartbeat(String cluster, String node, String bootId, String daemonId,
                        Instant daemonStartedAt, String role, Boolean ready, String version, boolean stopping,
                        String host, String machineId, String topology, Boolean rebootRequired,
                        Boolean temporalConnected, Duration sinceLastPoll, String servedBy) {

    public Heartbeat(String cluster, String node, String bootId, String daemonId, Instant daemonStartedAt,
                     String role, Boolean ready, String version, boolean stopping, String host, String machineId,
                     String topology, Boolean rebootRequired) {
        this(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host, machineId,
                topology, rebootRequired, null, null, null);
    }

    public Heartbeat(String cluster, String node, String bootId, String daemonId, Instant daemonStartedAt,
                     String role, Boolean ready, String version, boolean stopping, String host, String machineId) {
        this(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host, machineId, null,
                null);
    }

    public Heartbeat(String cluster, String node, String bootId, String daemonId, Instant daemonStartedAt,
                     String role, Boolean ready, String version) {
        this(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, false, "", "");
    }

    /** The same heartbeat, posted by {@code host} of machine {@code machineId}. */
    public Heartbeat from(String host, String machineId) {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host,
                machineId, topology, rebootRequired, temporalConnected, sinceLastPoll, servedBy);
    }

    /** The same heartbeat, of a node in quorum group {@code group} (null: the cluster is one group). */
    public Heartbeat inGroup(String group) {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host,
                machineId, group, rebootRequired, temporalConnected, sinceLastPoll, servedBy);
    }

    /** The same heartbeat, saying whether the node's reboot-required sentinel is there (null: not checked). */
    public Heartbeat needingReboot(Boolean required) {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host,
                machineId, topology, required, temporalConnected, sinceLastPoll, servedBy);
    }

    /**
     * The same heartbeat, saying how the daemon's coordination stands: whether the Temporal service
     * answered its last look (null: not looked at yet), and how long ago a poll of its answered (null: none yet).
     */
    public Heartbeat coordinating(Boolean temporalAnswers, Duration sincePoll) {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host,
                machineId, topology, rebootRequired, temporalAnswers, sincePoll, servedBy);
    }

    /** The same heartbeat, of a node served over ssh by the daemon of control host {@code control} (null: its own daemon). */
    public Heartbeat servedBy(String control) {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, stopping, host,
                machineId, topology, rebootRequired, temporalConnected, sinceLastPoll, control);
    }

    /** The daemon's last word before it exits: expires at once, marked as stopping. */
    public Heartbeat asStopping() {
        return new Heartbeat(cluster, node, bootId, daemonId, daemonStartedAt, role, ready, version, true, host,
                machineId, topology, rebootRequired, temporalConnected, sinceLastPoll, servedBy);
    }

    public Heartbeat {
        Names.require("cluster", cluster);
        Names.require("node", node);
        requireText("boot id", bootId);
        requireText("daemon id", daemonId);
        requireText("version", version);
        Objects.requireNonNull(daemonStartedAt, "daemon start time is missing");
        Objects.requireNonNull(host, "host is missing");
        Objects.requireNonNull(machineId, "machine id is missing");
        if (topology != null) {
            Names.require("topology", topology);
        }
        if (servedBy != null) {
            Names.require("control host", servedBy);
        }
        if (role != null && !role.equals("master") && !role.equals("member")) {
            throw new IllegalArgumentException("role must be 'master', 'member' or absent, not '" + role + "'");
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > 200) {
            throw new IllegalArgumentException(what + " is longer than 200 characters");
        }
    }
}
