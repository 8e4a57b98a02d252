package org.distreboot.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What `distreboot` (status) shows; its --json form is a contract (DESIGN.md): add fields, never rename.
 *
 * @param answeredBy "daemon" when this node's daemon made the report, "command" when the command asked the services
 */
public record StatusReport(String cluster, String node, String properties, List<String> propertiesNotRead,
                           Daemon daemon, List<NodeLine> nodes, Reboot reboot, Instant observedAt,
                           String answeredBy) {
    public static final String BY_DAEMON = "daemon";
    public static final String BY_COMMAND = "command";


    /** @param state "waiting" (for Temporal or PostgreSQL, said in waitingFor) or "running"; null when not running */
    public record Daemon(boolean running, Long pid, String state, String waitingFor, String temporalTarget,
                         Boolean temporalConnected, String temporalError, Boolean postgresConnected,
                         String postgresError, String version) {
    }

    /**
     * @param claimedBy the two hosts that both post as this node lately, or null
     * @param group     the node's topology group, or null when the cluster is one group
     * @param rebootRequired whether its reboot-required sentinel is there; null when its daemon does not say
     * @param temporalConnected whether the Temporal service answered its daemon's last look; null when it does not say
     * @param polledAt  when a poll of its daemon's last answered (database clock); null when it does not say
     * @param servedBy  the control host whose daemon serves the node over ssh; null when the node runs its own
     */
    public record NodeLine(String node, Instant expires, boolean stale, String role, Boolean ready, String bootId,
                           boolean stopping, Instant daemonStartedAt, String claimedBy, String group,
                           Boolean rebootRequired, Boolean temporalConnected, Instant polledAt, String servedBy) {
    }

    /**
     * @param page     the run in the Temporal UI, when temporal.ui is set and there is a run
     * @param pausedBy who paused the run (--pause) until it is resumed, else null; {@code pausedAt} when
     * @param holdsUntil when what the run waits for ends by itself (a grace, a settle, a window), else null
     * @param skipped  the nodes the run leaves be: their reboot-required sentinel was not there
     * @param failed   the nodes that did not come back within reboot.timeout, left out (reboot.max-failed)
     * @param sentinelAgain the nodes rebooted whose reboot-required sentinel is there again since
     * @param notes    each node's note, for the nodes that have one (why it failed, who dropped it), in order
     */
    public record Reboot(String state, List<String> order, List<String> done, List<String> dropped, String current,
                         String currentState, Instant currentSince, String next, String master, String waitingFor,
                         String reason, String requestedBy, Instant startedAt, Instant finishedAt, int total,
                         String page, String pausedBy, Instant pausedAt, Instant holdsUntil, List<String> skipped,
                         List<String> failed, List<String> sentinelAgain, Map<String, String> notes) {
    }
}
