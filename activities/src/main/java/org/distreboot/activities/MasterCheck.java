package org.distreboot.activities;

/** How a node tells it is the cluster's master. */
public interface MasterCheck {
    boolean isMaster();
}
