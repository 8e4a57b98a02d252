package org.distreboot.activities;

import org.distreboot.workflow.values.RebootOutcome;

/** How a node reboots. */
public interface Rebooter {
    /**
     * Sets the reboot of the node running boot {@code bootIdBefore} going; returns while the
     * machine may still be on its way down. A rebooter that can check the boot id in the same
     * step as it reboots (over ssh, where a retry may follow a lost answer) says
     * {@link RebootOutcome#ALREADY_REBOOTED} when the node runs another boot by then.
     */
    RebootOutcome reboot(String bootIdBefore) throws CommandFailedException;
}
