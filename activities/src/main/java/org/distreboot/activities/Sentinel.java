package org.distreboot.activities;

/** How a node tells it needs a reboot (its reboot-required sentinel): a run without --all reboots only such nodes. */
public interface Sentinel {
    boolean rebootRequired();
}
