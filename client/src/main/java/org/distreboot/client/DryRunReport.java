package org.distreboot.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What `distreboot --dry-run` shows; its --json form is a contract (DESIGN.md): add fields, never rename.
 *
 * @param parallel reboot.parallel: how many nodes may reboot at once
 * @param batches  the nodes in the batches the run would take, as planned now: one node each, unless
 *                 reboot.parallel is above one and the nodes have topology groups
 * @param groups   each node's topology group, in {@code order}'s order; empty when the cluster is one group
 * @param grace    reboot.grace as written (2m): the wait before the first node; null when none
 * @param settle   reboot.settle as written: the wait after each node or batch is back; null when none
 * @param window   the reboot window (window.*: "mon-fri 22:00-05:00 Europe/Paris"); null when none
 * @param windowOpensAt when the window opens next, if it is closed now; else null
 * @param skipped  the nodes whose reboot-required sentinel is not there: the run would leave them be
 *                 (empty with --all); {@code order} and {@code batches} hold only the nodes it would reboot
 * @param all      --all: every node, with or without its sentinel
 * @param maxFailed reboot.max-failed: how many nodes may fail to come back, each left out, before it stalls
 * @param servedBy  the nodes served over ssh, each with the control host whose daemon serves it
 */
public record DryRunReport(String cluster, List<String> order, String master, List<String> blockers,
                           boolean wouldStart, int parallel, List<List<String>> batches, List<String> groups,
                           String grace, String settle, String window, Instant windowOpensAt,
                           List<String> skipped, boolean all, int maxFailed, Map<String, String> servedBy) {

    /** Every node's sentinel is missing: a run would have nothing to do. */
    public boolean nothingToReboot() {
        return order.isEmpty() && !skipped.isEmpty();
    }

    /** More than one node in a batch. */
    public boolean inBatches() {
        return batches.stream().anyMatch(batch -> batch.size() > 1);
    }
}
