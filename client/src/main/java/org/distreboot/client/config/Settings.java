package org.distreboot.client.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.distreboot.workflow.values.RebootWindow;

/**
 * A node's validated distreboot.properties. Commands are only ever read from here: the
 * root-owned file is the one place that may say what runs as root.
 */
public record Settings(
        Path source,
        String cluster,
        String node,
        String temporalTarget,
        String temporalNamespace,
        TemporalTls temporalTls,
        Optional<String> temporalUi,
        String dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<Path> dbPasswordFile,
        String rebootCommand,
        Optional<String> drainCommand,
        Optional<String> healthCommand,
        Optional<String> masterCommand,
        Path bootIdFile,
        Path machineIdFile,
        Duration heartbeatInterval,
        Duration heartbeatTtl,
        Duration heartbeatPurge,
        Duration rebootTimeout,
        Path runDir,
        boolean requireRoot,
        int rebootParallel,
        Optional<String> topology,
        Optional<String> topologyCommand,
        Duration rebootGrace,
        Duration rebootSettle,
        Optional<RebootWindow> rebootWindow,
        Optional<String> blockCommand,
        Path sentinel,
        Optional<String> sentinelCommand,
        int rebootMaxFailed,
        Optional<URI> notifyUrl,
        Optional<InetSocketAddress> metricsListen) {

    /** mTLS to the Temporal service: all empty means plain text. */
    public record TemporalTls(boolean enabled, Optional<Path> cert, Optional<Path> key, Optional<Path> ca,
                              Optional<String> serverName) {
    }

    /**
     * Tells two processes that read the same settings, the command and its daemon, without
     * either showing the other a value (the password among them).
     */
    public String fingerprint() {
        return Integer.toHexString(hashCode());
    }

    /** How long mastercmd or healthcmd may run in the heartbeat loop: never longer than a beat. */
    public Duration checkTimeout() {
        return heartbeatInterval;
    }
}
