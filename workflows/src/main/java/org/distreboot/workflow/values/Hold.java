package org.distreboot.workflow.values;

import java.time.Instant;

/**
 * Why a run starts no node for now, though the cluster is whole, and until when: an operator's
 * policy (reboot.grace, reboot.settle, --pause), not a fault.
 *
 * @param why   in plain words, with the time it ends, for the status and the UI
 * @param until when the hold ends by itself; null when only the operator ends it (a pause)
 */
public record Hold(String why, Instant until) {
}
