package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * What starts a distributed reboot. It carries names and timeouts only, never a command:
 * commands come from each node's root-owned properties file.
 *
 * @param rebootTimeout   how long a node may take to come back before the run stalls (reboot.timeout)
 * @param activityTimeout how long one call to a node may run before it is retried, e.g. on a daemon
 *                        that died mid-call (the reboot itself usually kills it)
 * @param resume          the state a run begun before "compact-history" continues from, else null
 * @param carried         the state a run continues from after a continue-as-new, else null
 * @param eventBudget     the history length past which a run continues as new; 0 for the default
 * @param parallel        how many nodes may reboot at once, each of a different quorum group
 *                        (reboot.parallel); 0 or 1 for one at a time
 * @param grace           how long the run waits after --reboot before the first node, so that a
 *                        mistake can be cancelled with nothing rebooted (reboot.grace); null for none
 * @param settle          how long the run waits after a node (or a batch) is back before the next
 *                        starts (reboot.settle); null for none
 * @param window          when nodes may start their turn (window.*); null for any time
 * @param all             reboot every node, with or without its reboot-required sentinel (--reboot --all)
 * @param maxFailed       how many nodes may fail to come back within reboot.timeout, each left out,
 *                        before the run stalls on the next (reboot.max-failed); 0: it stalls on the first
 * @param notifies        tell the webhook of the daemons' notify.url what happens; the command that starts the
 *                        run sets it when its own properties have one (the URL, a secret, never goes in here)
 */
public record RebootRequest(String cluster, String requestedBy, Duration rebootTimeout, Duration activityTimeout,
                            RebootStatus resume, CarriedRun carried, int eventBudget, int parallel,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Duration grace,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Duration settle,
                            @JsonInclude(JsonInclude.Include.NON_NULL) RebootWindow window,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean all,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int maxFailed,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean notifies) {

    public RebootRequest(String cluster, String requestedBy, Duration rebootTimeout, Duration activityTimeout,
                         RebootStatus resume, CarriedRun carried, int eventBudget, int parallel, Duration grace,
                         Duration settle, RebootWindow window, boolean all, int maxFailed) {
        this(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget, parallel, grace, settle,
                window, all, maxFailed, false);
    }

    public RebootRequest(String cluster, String requestedBy, Duration rebootTimeout, Duration activityTimeout,
                         RebootStatus resume, CarriedRun carried, int eventBudget, int parallel, Duration grace,
                         Duration settle, RebootWindow window) {
        this(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget, parallel, grace, settle,
                window, false, 0);
    }

    public RebootRequest(String cluster, String requestedBy, Duration rebootTimeout, Duration activityTimeout,
                         RebootStatus resume, CarriedRun carried, int eventBudget) {
        this(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget, 0, null, null, null);
    }

    public static final Duration DEFAULT_ACTIVITY_TIMEOUT = Duration.ofSeconds(30);

    public static RebootRequest of(String cluster, String requestedBy, Duration rebootTimeout) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, DEFAULT_ACTIVITY_TIMEOUT, null, null, 0, 0, null,
                null, null);
    }

    public RebootRequest withActivityTimeout(Duration timeout) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, timeout, resume, carried, eventBudget, parallel,
                grace, settle, window, all, maxFailed, notifies);
    }

    /** For runs begun before "compact-history": they carry their whole status. */
    public RebootRequest resumingFrom(RebootStatus status) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout,
                status, null, eventBudget, parallel, grace, settle, window, all, maxFailed, notifies);
    }

    public RebootRequest withEventBudget(int events) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout,
                resume, carried, events, parallel, grace, settle, window, all, maxFailed, notifies);
    }

    public RebootRequest withParallel(int nodes) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                nodes, grace, settle, window, all, maxFailed, notifies);
    }

    /** With a grace before the first node and a settle after each; a zero or null duration is none. */
    public RebootRequest withHolds(Duration graceFirst, Duration settleBetween) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                parallel, positive(graceFirst), positive(settleBetween), window, all, maxFailed, notifies);
    }

    /** Nodes start their turn only inside {@code open} (null: at any time). */
    public RebootRequest withWindow(RebootWindow open) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                parallel, grace, settle, open, all, maxFailed, notifies);
    }

    /** Every node, whether its reboot-required sentinel is there or not (--reboot --all). */
    public RebootRequest withAll(boolean everyNode) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                parallel, grace, settle, window, everyNode, maxFailed, notifies);
    }

    /** Up to {@code nodes} nodes may fail to come back, each left out, before the run stalls (reboot.max-failed). */
    public RebootRequest withMaxFailed(int nodes) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                parallel, grace, settle, window, all, nodes, notifies);
    }

    /** Whether the run tells the daemons' webhook (notify.url) what happens: the URL itself stays in their properties. */
    public RebootRequest withNotices(boolean tell) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, resume, carried, eventBudget,
                parallel, grace, settle, window, all, maxFailed, tell);
    }

    /** Whether the run waits for a grace, a settle or a window at all. */
    public boolean holds() {
        return grace != null || settle != null || window != null;
    }

    private static Duration positive(Duration duration) {
        return duration == null || duration.isZero() || duration.isNegative() ? null : duration;
    }

    /** How many nodes may reboot at once: at least one. */
    public int batchSize() {
        return Math.max(1, parallel);
    }

    public RebootRequest carrying(CarriedRun state) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout,
                null, state, eventBudget, parallel, grace, settle, window, all, maxFailed, notifies);
    }
}
