package org.distreboot.activities;

import java.util.Optional;

/** Whether this node's name is claimed by two hosts, in which case nothing may touch the machine. */
public interface NodeClaim {
    NodeClaim NONE = Optional::empty;

    /** Empty when only this host posts as the node, else which two hosts do, in one line. */
    Optional<String> claimedTwice();
}
