package org.distreboot.workflow;

import java.util.HashSet;
import java.util.Set;

/**
 * The turns of one batch as its coordinator needs to know them: whether one is touching its node
 * (a drain-and-reboot call in flight, which a continue-as-new must not abandon) and which nodes
 * stalled the run. Workflow code: deterministic; the workflow's threads take turns, never at once.
 */
final class Batch {
    private final Set<String> touching = new HashSet<>();
    private final Set<String> stalled = new HashSet<>();
    private boolean running;

    void begin() {
        running = true;
        touching.clear();
        stalled.clear();
    }

    void end() {
        running = false;
    }

    /** A batch is running: its turns leave continuing as new to the coordinator. */
    boolean running() {
        return running;
    }

    void touching(String node) {
        touching.add(node);
    }

    void untouched(String node) {
        touching.remove(node);
    }

    boolean touchingNodes() {
        return !touching.isEmpty();
    }

    void stalled(String node) {
        stalled.add(node);
    }

    /** {@code node}'s turn is over; true when no node of the batch keeps the run stalled now. */
    boolean cleared(String node) {
        stalled.remove(node);
        return stalled.isEmpty();
    }
}
