package org.distreboot.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The run plan store: the nodes of a cluster's current run, fixed once. Every statement on
 * reboot_plan is here, its parameters bound.
 */
public final class PlanStore {
    /** Keeps a plan already fixed for this run (a retried call), replaces one of an earlier run. */
    private static final String FIX = """
            INSERT INTO reboot_plan AS plan (cluster, run, nodes, planned_at) VALUES (?, ?, ?, now())
            ON CONFLICT (cluster) DO UPDATE SET run = EXCLUDED.run, nodes = EXCLUDED.nodes,
                                                planned_at = EXCLUDED.planned_at
            WHERE plan.run <> EXCLUDED.run
            """;
    private static final String READ = "SELECT nodes FROM reboot_plan WHERE cluster = ? AND run = ?";

    private final DataSource dataSource;

    public PlanStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /**
     * Fixes {@code nodes} as the plan of {@code run}, unless that run has one already; returns the
     * plan it has now (the first one fixed, on a retry).
     */
    public List<String> fix(String cluster, String run, List<String> nodes) {
        Names.require("cluster", cluster);
        Names.require("run", run);
        nodes.forEach(node -> Names.require("node", node));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(FIX)) {
                statement.setString(1, cluster);
                statement.setString(2, run);
                statement.setArray(3, connection.createArrayOf("text", nodes.toArray()));
                statement.executeUpdate();
            }
            return read(connection, cluster, run).orElseThrow(
                    () -> new StoreException(new SQLException("the plan of run " + run + " was replaced meanwhile")));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The nodes of {@code run}, in the order fixed; empty when another run has replaced its plan. */
    public Optional<List<String>> nodes(String cluster, String run) {
        Names.require("cluster", cluster);
        Names.require("run", run);
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, cluster, run);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static Optional<List<String>> read(Connection connection, String cluster, String run)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, cluster);
            statement.setString(2, run);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                Array nodes = result.getArray(1);
                return Optional.of(Arrays.stream((Object[]) nodes.getArray()).map(String.class::cast).toList());
            }
        }
    }
}
