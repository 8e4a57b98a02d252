package org.distreboot.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The run plan store: the nodes of a cluster's current run, fixed once. Every statement on
 * reboot_plan is here, its parameters bound.
 */
public interface PlanStore {

    /** The store over {@code jdbi}, a handle taken from its pool for each call. */
    static PlanStore on(Jdbi jdbi) {
        return jdbi.onDemand(PlanStore.class);
    }

    /** Keeps a plan already fixed for this run (a retried call), replaces one of an earlier run. */
    @SqlUpdate("""
            INSERT INTO reboot_plan AS plan (cluster, run, nodes, planned_at) VALUES (:cluster, :run, :nodes, now())
            ON CONFLICT (cluster) DO UPDATE SET run = EXCLUDED.run, nodes = EXCLUDED.nodes,
                                                planned_at = EXCLUDED.planned_at
            WHERE plan.run <> EXCLUDED.run
            """)
    void keepOrReplace(@Bind("cluster") String cluster, @Bind("run") String run, @Bind("nodes") String[] nodes);

    @SqlQuery("SELECT nodes FROM reboot_plan WHERE cluster = :cluster AND run = :run")
    Optional<String[]> read(@Bind("cluster") String cluster, @Bind("run") String run);

    /**
     * Fixes {@code nodes} as the plan of {@code run}, unless that run has one already; returns the
     * plan it has now (the first one fixed, on a retry). Both statements on one connection.
     */
    default List<String> fix(String cluster, String run, List<String> nodes) {
        Names.require("cluster", cluster);
        Names.require("run", run);
        nodes.forEach(node -> Names.require("node", node));
        keepOrReplace(cluster, run, nodes.toArray(String[]::new));
        return read(cluster, run).map(List::of).orElseThrow(
                () -> new IllegalStateException("the plan of run " + run + " was replaced meanwhile"));
    }

    /** The nodes of {@code run}, in the order fixed; empty when another run has replaced its plan. */
    default Optional<List<String>> nodes(String cluster, String run) {
        Names.require("cluster", cluster);
        Names.require("run", run);
        return read(cluster, run).map(List::of);
    }
}
