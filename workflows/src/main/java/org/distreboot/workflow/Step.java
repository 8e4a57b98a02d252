package org.distreboot.workflow;

import java.util.List;
import org.distreboot.workflow.values.Hold;

/**
 * What a run does next ({@link Planner#step}), one rung of the ladder each turn climbs.
 *
 * @param kind  the rung
 * @param nodes the nodes of a turn (one, or a batch) or of the turns taken up; empty otherwise
 * @param hold  the operator's hold the run waits out; null unless {@link Kind#HOLD}
 */
public record Step(Kind kind, List<String> nodes, Hold hold) {
    public enum Kind {
        /** The operator cancelled: the run ends, touching nothing more. */
        CANCEL,
        /** Turns the previous run of this workflow left in flight: taken up where they were. */
        TAKE_UP,
        /** A pause or the reboot window holds the next turn: the run waits it out. */
        HOLD,
        /** The cluster is not known whole: the run looks at the heartbeats until it is. */
        AWAIT_WHOLE,
        /** The next node's turn, or the next batch's turns side by side. */
        TURN,
        /** Every node is done, dropped, failed or skipped. */
        COMPLETE
    }

    static Step of(Kind kind) {
        return new Step(kind, List.of(), null);
    }

    static Step of(Kind kind, List<String> nodes) {
        return new Step(kind, List.copyOf(nodes), null);
    }

    static Step hold(Hold hold) {
        return new Step(Kind.HOLD, List.of(), hold);
    }
}
