package org.distreboot.workflow.values;

/** What mastercmd said of a node. */
public enum Role {
    MASTER, MEMBER
}
