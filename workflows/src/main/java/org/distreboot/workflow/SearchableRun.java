package org.distreboot.workflow;

import io.temporal.workflow.Workflow;
import java.util.Objects;
import org.distreboot.workflow.values.RebootStatus;

/**
 * Keeps the run's phase and current node in its search attributes, one upsert per change, when
 * the run was started with them (the namespace has them). Workflow code: deterministic.
 */
final class SearchableRun {
    private Boolean enabled;
    private boolean lastNodeBetweenTurns;
    private String phase;
    private String node;

    /**
     * From now on, between two turns the node stays the one whose turn ended, so a turn costs one
     * upsert instead of two; a run that ends has none. Runs of the compact body only.
     */
    void keepLastNodeBetweenTurns() {
        lastNodeBetweenTurns = true;
    }

    void show(RebootStatus status) {
        if (!enabled()) {
            return;
        }
        String phaseNow = status.phase().name();
        String nodeNow = status.current() == null && lastNodeBetweenTurns && status.phase().active()
                ? node : status.current();
        if (phaseNow.equals(phase) && Objects.equals(nodeNow, node)) {
            return;
        }
        phase = phaseNow;
        node = nodeNow;
        Workflow.upsertTypedSearchAttributes(RunSearch.PHASE.valueSet(phaseNow),
                nodeNow == null ? RunSearch.NODE.valueUnset() : RunSearch.NODE.valueSet(nodeNow));
    }

    /** Decided once per run, from what it was started with: runs begun before never upsert. */
    private boolean enabled() {
        if (enabled == null) {
            enabled = RunSearch.KEYS.stream().allMatch(Workflow.getTypedSearchAttributes()::containsKey)
                    && Workflow.getVersion("search-attributes-phase-node", Workflow.DEFAULT_VERSION, 1) == 1;
        }
        return enabled;
    }
}
