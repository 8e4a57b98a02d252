package org.distreboot.activities.ssh;

/**
 * A node served over ssh did not answer a look at it (its boot id, say): ssh failed, or the look
 * took too long. Retried as a daemon that does not answer is; the message is one line that names
 * the node and what failed.
 */
public final class NodeUnreachableException extends RuntimeException {
    public NodeUnreachableException(String message) {
        super(message);
    }
}
