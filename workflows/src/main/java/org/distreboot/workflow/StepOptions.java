package org.distreboot.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.distreboot.workflow.values.RebootRequest;

/** Timeouts and retries of every activity the workflow calls; each call also gets a summary for the UI. */
public final class StepOptions {
    private static final Duration REJOIN_RENEWAL = Duration.ofHours(24);
    private static final Duration REJOIN_HEARTBEAT = Duration.ofSeconds(3);
    /** How long a notice is tried for. */
    static final Duration NOTICE_BUDGET = Duration.ofMinutes(5);
    /** How many times a notice is tried at most: the attempts that start within its budget when each fails at once. */
    static final int NOTICE_ATTEMPTS = 14;

    private StepOptions() {
    }

    /** Reading or changing the heartbeat table: retried until PostgreSQL answers. */
    public static ActivityOptions cluster(String summary) {
        return ActivityOptions.newBuilder()
                .setSummary(summary)
                .setStartToCloseTimeout(Duration.ofSeconds(15))
                .setRetryOptions(retries().build())
                .build();
    }

    /** Reading a node's boot id: retried while its daemon may still answer in time. */
    static ActivityOptions bootId(RebootRequest request, String node, String summary) {
        return onNode(request, node, summary)
                .setStartToCloseTimeout(request.activityTimeout())
                .setScheduleToCloseTimeout(request.rebootTimeout())
                .setRetryOptions(retries().build())
                .build();
    }

    /** A short call to one node (boot id, reboot): retried while its daemon may still answer in time. */
    public static ActivityOptions nodeCall(RebootRequest request, String node, String summary) {
        return onNode(request, node, summary)
                .setStartToCloseTimeout(request.activityTimeout())
                .setScheduleToCloseTimeout(request.rebootTimeout())
                .setRetryOptions(retries().setDoNotRetry(NodeActivities.REBOOT_FAILED).build())
                .build();
    }

    /** draincmd may run long; the activity heartbeats so that a dead daemon is noticed quickly. */
    public static ActivityOptions drain(RebootRequest request, String node, String summary) {
        return onNode(request, node, summary)
                .setStartToCloseTimeout(request.rebootTimeout())
                .setScheduleToCloseTimeout(request.rebootTimeout())
                .setHeartbeatTimeout(request.activityTimeout())
                .setRetryOptions(retries().setDoNotRetry(NodeActivities.DRAIN_FAILED).build())
                .build();
    }

    /**
     * draincmd then rebootcmd in one call: it heartbeats throughout, so that a daemon that died
     * (the reboot itself kills it) is noticed within the activity timeout and the call retried,
     * which on the new boot does nothing.
     */
    static ActivityOptions drainAndReboot(RebootRequest request, String node, String summary) {
        return onNode(request, node, summary)
                .setStartToCloseTimeout(request.rebootTimeout())
                .setScheduleToCloseTimeout(request.rebootTimeout())
                .setHeartbeatTimeout(request.activityTimeout())
                .setRetryOptions(retries().setDoNotRetry(NodeActivities.DRAIN_FAILED, NodeActivities.REBOOT_FAILED)
                        .build())
                .build();
    }

    /**
     * Waiting for a rebooted node: each attempt fails fast until the node is back, and the next
     * attempt waits in the node's queue, so the new daemon's first poll takes it at once. The
     * attempt heartbeats, so one handed to a daemon that died at that moment is retried within
     * seconds. The workflow keeps its own reboot.timeout; this bound only renews a very long wait.
     */
    public static ActivityOptions rejoin(RebootRequest request, String node, String summary) {
        return onNode(request, node, summary)
                .setStartToCloseTimeout(request.activityTimeout())
                .setScheduleToCloseTimeout(REJOIN_RENEWAL)
                .setHeartbeatTimeout(REJOIN_HEARTBEAT)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(250))
                        .setBackoffCoefficient(1.5)
                        .setMaximumInterval(Duration.ofSeconds(1))
                        .build())
                .build();
    }

    /**
     * A notice to the webhook (notify.url), by any daemon: retried for up to five minutes, then
     * given up on; the run never waits for it but before it ends or continues as new. With {@code
     * capped}, also after {@link #NOTICE_ATTEMPTS} attempts: as many as five minutes of backoff
     * hold, so a webhook that fails at once is given up on as before, but by a count that needs no
     * server's clock (the Temporal test server lets a schedule-to-close that falls on a whole
     * second pass, and retried such a notice for ever).
     */
    static ActivityOptions notice(String summary, boolean capped) {
        RetryOptions.Builder retries = retries().setMaximumInterval(Duration.ofSeconds(30));
        if (capped) {
            retries.setMaximumAttempts(NOTICE_ATTEMPTS);
        }
        return ActivityOptions.newBuilder()
                .setSummary("notify: " + summary)
                .setStartToCloseTimeout(Duration.ofSeconds(15))
                .setScheduleToCloseTimeout(NOTICE_BUDGET)
                .setRetryOptions(retries.build())
                .build();
    }

    /** Routed to the daemon of {@code node}: only it may touch that machine. */
    private static ActivityOptions.Builder onNode(RebootRequest request, String node, String summary) {
        return ActivityOptions.newBuilder()
                .setSummary(summary)
                .setTaskQueue(TaskQueues.node(request.cluster(), node));
    }

    private static RetryOptions.Builder retries() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(10));
    }
}
