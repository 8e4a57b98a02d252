package org.distreboot.activities;

/** How a node reboots. */
public interface Rebooter {
    /** Sets the reboot going; returns while the machine may still be on its way down. */
    void reboot() throws CommandFailedException;
}
