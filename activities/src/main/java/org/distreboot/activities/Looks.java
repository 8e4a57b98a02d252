package org.distreboot.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.distreboot.client.Snapshots;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.distreboot.workflow.Planner;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.Verdict;

/**
 * Fixes a run's plan and looks at the heartbeats of its members, so that the workflow gets a few
 * lines whatever the size of the cluster. Reads, and the plan's one idempotent write.
 */
public final class Looks {
    private final Supplier<HeartbeatStore> heartbeats;
    private final Supplier<PlanStore> plans;
    private final String cluster;

    /** The stores are asked for on every call: the daemon connects (and migrates) lazily. */
    public Looks(Supplier<HeartbeatStore> heartbeats, Supplier<PlanStore> plans, String cluster) {
        this.heartbeats = heartbeats;
        this.plans = plans;
        this.cluster = cluster;
    }

    /** The nodes with a heartbeat now, fixed as the plan of run {@code key} unless it has one. */
    public Plan plan(String key) {
        ClusterSnapshot snapshot = Snapshots.of(heartbeats.get().list(cluster));
        List<String> names = snapshot.nodes().stream().map(heartbeat -> heartbeat.node()).toList();
        List<String> order = plans.get().fix(cluster, key, Planner.order(snapshot, names));
        return new Plan(order, Planner.firstLook(snapshot, order), Planner.groups(snapshot, order),
                Planner.noSentinel(snapshot, order));
    }

    public Verdict look(Look look) {
        List<String> planned = plans.get().nodes(cluster, look.plan()).orElseThrow(() ->
                ApplicationFailure.newFailure("the plan of this run is gone from PostgreSQL: another run of cluster "
                        + cluster + " replaced it", "PlanGone"));
        Set<String> dropped = new HashSet<>(look.dropped());
        List<String> members = planned.stream().filter(node -> !dropped.contains(node)).toList();
        return Planner.verdict(Snapshots.of(heartbeats.get().list(cluster)), members, look.node(),
                look.bootIdBefore(), look.next(), Set.copyOf(look.failed()));
    }
}
