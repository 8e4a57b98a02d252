package org.distreboot.workflow.values;

import java.time.Instant;

/**
 * Why a run starts no node for now, though the cluster is whole, and until when: an operator's
 * policy (reboot.grace, reboot.settle), not a fault.
 *
 * @param why   in plain words, with the time it ends, for the status and the UI
 * @param until when the hold ends by itself
 */
public record Hold(String why, Instant until) {
}
