package org.distreboot.workflow.values;

import java.time.Duration;

/**
 * What starts a distributed reboot. It carries names and timeouts only, never a command:
 * commands come from each node's root-owned properties file.
 *
 * @param rebootTimeout   how long a node may take to come back before the run stalls (reboot.timeout)
 * @param activityTimeout how long one call to a node may run before it is retried, e.g. on a daemon
 *                        that died mid-call (the reboot itself usually kills it)
 * @param resume          the state to continue from after a continue-as-new, else null
 */
public record RebootRequest(String cluster, String requestedBy, Duration rebootTimeout, Duration activityTimeout,
                            RebootStatus resume) {

    public static final Duration DEFAULT_ACTIVITY_TIMEOUT = Duration.ofSeconds(30);

    public static RebootRequest of(String cluster, String requestedBy, Duration rebootTimeout) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, DEFAULT_ACTIVITY_TIMEOUT, null);
    }

    public RebootRequest withActivityTimeout(Duration timeout) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, timeout, resume);
    }

    public RebootRequest resumingFrom(RebootStatus status) {
        return new RebootRequest(cluster, requestedBy, rebootTimeout, activityTimeout, status);
    }
}
