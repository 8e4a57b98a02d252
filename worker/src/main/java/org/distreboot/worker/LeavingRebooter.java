package org.distreboot.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.distreboot.activities.CommandFailedException;
import org.distreboot.activities.Rebooter;
import org.distreboot.workflow.values.RebootOutcome;

/**
 * rebootcmd, with this daemon out of the cluster's queue first: no workflow task or cluster
 * activity goes down with the node. When rebootcmd fails, or the node is still up a minute
 * after it (a shutdown stops its services within seconds), the daemon polls that queue again.
 */
final class LeavingRebooter implements Rebooter {
    /** How long the cluster's tasks this daemon has taken may take to finish before rebootcmd runs. */
    private static final Duration LEAVE_PATIENCE = Duration.ofSeconds(5);
    static final Duration STILL_UP = Duration.ofMinutes(1);

    private final Rebooter rebootcmd;
    private final WarmingWorkers workers;
    private final ScheduledExecutorService schedule;

    LeavingRebooter(Rebooter rebootcmd, WarmingWorkers workers, ScheduledExecutorService schedule) {
        this.rebootcmd = rebootcmd;
        this.workers = workers;
        this.schedule = schedule;
    }

    @Override
    public RebootOutcome reboot(String bootIdBefore) throws CommandFailedException {
        workers.leaveClusterQueue(LEAVE_PATIENCE);
        RebootOutcome outcome;
        try {
            outcome = rebootcmd.reboot(bootIdBefore);
        } catch (CommandFailedException | RuntimeException e) {
            workers.pollClusterQueueAgain("rebootcmd failed");
            throw e;
        }
        schedule.schedule(() -> workers.pollClusterQueueAgain("the node is still up " + STILL_UP.toSeconds()
                + "s after its rebootcmd"), STILL_UP.toMillis(), TimeUnit.MILLISECONDS);
        return outcome;
    }
}
