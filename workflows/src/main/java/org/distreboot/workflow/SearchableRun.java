package org.distreboot.workflow;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distreboot.workflow.values.RebootStatus;

/**
 * Keeps the run's phase and current node in its search attributes, one upsert per change, when
 * the run was started with them (the namespace has them). Since version 2 of
 * "search-attributes-phase-node" an upsert holds only the attributes that changed: a turn's holds
 * the node, not the phase it shares with every other turn. Workflow code: deterministic.
 */
final class SearchableRun {
    private Boolean enabled;
    private boolean onlyChanges;
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
        List<SearchAttributeUpdate<?>> changes = new ArrayList<>(2);
        if (!onlyChanges || !phaseNow.equals(phase)) {
            changes.add(RunSearch.PHASE.valueSet(phaseNow));
        }
        if (!onlyChanges || !Objects.equals(nodeNow, node)) {
            changes.add(nodeNow == null ? RunSearch.NODE.valueUnset() : RunSearch.NODE.valueSet(nodeNow));
        }
        phase = phaseNow;
        node = nodeNow;
        Workflow.upsertTypedSearchAttributes(changes.toArray(new SearchAttributeUpdate<?>[0]));
    }

    /** Decided once per run, from what it was started with: runs begun before never upsert. */
    private boolean enabled() {
        if (enabled == null) {
            int version = RunSearch.KEYS.stream().allMatch(Workflow.getTypedSearchAttributes()::containsKey)
                    ? Workflow.getVersion("search-attributes-phase-node", Workflow.DEFAULT_VERSION, 2)
                    : Workflow.DEFAULT_VERSION;
            enabled = version >= 1;
            onlyChanges = version >= 2;
        }
        return enabled;
    }
}
