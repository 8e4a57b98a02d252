package org.distreboot.db;

import java.time.Duration;
import java.time.Instant;

/**
 * One command run by a run's step on a node, as kept: how it ended and the tail of what it printed
 * (secrets already masked).
 *
 * @param workflowId the run's workflow, and {@code runId} the part of it (continued as new) that asked
 * @param step       the activity that ran it: DrainAndReboot, Rejoin...
 * @param bootId     the node's boot when it ran
 * @param exitCode   -1 when it timed out
 * @param ranAt      when it was kept (the database's clock); null before it is
 */
public record CommandOutput(String cluster, String node, String workflowId, String runId, String step, String bootId,
                            String command, int exitCode, boolean timedOut, Duration took, String output,
                            Instant ranAt) {
}
