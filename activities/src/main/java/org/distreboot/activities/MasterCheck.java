package org.distreboot.activities;

/** How a node tells it is the cluster's master. */
public interface MasterCheck {
    /**
     * True when this node is the master, false when it is not; throws {@link CannotTellException}
     * when the check could not tell: a node whose master it cannot vouch for must not be counted a
     * member, or the real master could be rebooted before the others.
     */
    boolean isMaster();

    /** The check failed, or did not answer in time: neither master nor member. */
    final class CannotTellException extends RuntimeException {
        public CannotTellException(String message) {
            super(message);
        }
    }
}
