package org.distreboot.devkit.campaign;

import java.util.List;
import java.util.Map;

/**
 * What one campaign run left behind, from the hosts' own logs (the times, epoch millis, each
 * node's rebootcmd ran and its daemon was started again by its next boot) and from the run's
 * final status.
 *
 * @param outcome     COMPLETED, CANCELLED, STALLED, FAILED or RUNNING (still so at the bound)
 * @param cancelledAt when a --cancel was accepted, or null
 */
record RunRecord(List<String> nodes, String master, Map<String, List<Long>> reboots, Map<String, List<Long>> starts,
                 String outcome, String reason, List<String> done, List<String> dropped, Long cancelledAt,
                 boolean cancelPlanned) {
}
