package org.distreboot.workflow;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.Verdict;

/**
 * The turns of one batch side by side, and what their coordinator needs to know of them: whether
 * one is touching its node (a drain-and-reboot call in flight, which a continue-as-new must not
 * abandon) and which nodes stalled the run. Workflow code: deterministic; the workflow's threads
 * take turns, never at once.
 */
final class Batch {
    /** One node's turn, as the run takes it ({@link NodeTurns}). */
    interface Turns {
        /** A node's turn from the start: its boot id, draincmd and rebootcmd, its return. */
        Verdict take(String node);

        /** A turn the previous run of this workflow left in flight, taken up where it was. */
        Verdict takeUp(String node);
    }

    private final Run run;
    private final Set<String> touching = new HashSet<>();
    /** The nodes of the batch that stalled the run, each with why, in the order said. */
    private final Map<String, String> stalled = new LinkedHashMap<>();
    private boolean running;

    Batch(Run run) {
        this.run = run;
    }

    /**
     * Runs the turns of {@code nodes} side by side until each has ended; or, once the run is due to
     * continue as new and no turn is touching its node, continues as new with the batch's nodes in
     * flight (their boot ids before, if read, in the carried state).
     */
    void run(List<String> nodes, boolean resumed, Turns turns, ContinueAsNew continuation) {
        running = true;
        touching.clear();
        stalled.clear();
        if (resumed && run.status().phase() == Phase.STALLED) {
            nodes.forEach(node -> stalled.put(node, run.status().reason()));
        }
        List<Promise<Void>> each = new ArrayList<>(nodes.size());
        for (String node : nodes) {
            each.add(Async.procedure(() -> {
                if (resumed) {
                    turns.takeUp(node);
                } else {
                    turns.take(node);
                }
                ended(node);
            }));
        }
        Promise<Void> all = Promise.allOf(each);
        Workflow.await(() -> all.isCompleted() || (continuation.due() && touching.isEmpty()));
        running = false;
        if (!all.isCompleted()) {
            continuation.now();
        }
        all.get();
        run.update(run.status().turnOf(null).waiting("the cluster to be whole again"));
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

    void stalled(String node, String why) {
        stalled.remove(node);
        stalled.put(node, why);
    }

    /**
     * A node of the batch is back or dropped: the stall it caused, if any, is over. When other nodes
     * of the batch still stall the run, its reason is one of theirs (the last said), never that of a
     * node that is back. (A status change only: no notice, no search attribute.)
     */
    private void ended(String node) {
        stalled.remove(node);
        if (run.status().phase() != Phase.STALLED) {
            return;
        }
        if (stalled.isEmpty()) {
            run.update(run.status().running().waiting("the other nodes of the batch to come back"));
        } else if (!stalled.containsValue(run.status().reason())) {
            run.update(run.status().stalled(stalled.values().stream().reduce((first, last) -> last).orElseThrow()));
        }
    }
}
