package org.distreboot.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the commands of runs printed, per node: keep one, list a node's since a time, list those of
 * one boot, purge. Every statement on command_output is here, its parameters bound.
 */
public final class CommandOutputStore {
    /** The tail kept of a command's output, in characters: the end of a failing script says most. */
    public static final int KEPT = 4096;

    private static final String KEEP = """
            INSERT INTO command_output (cluster, node, workflow_id, run_id, step, boot_id, command, exit_code,
                                        timed_out, took_ms, output)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String COLUMNS = """
            SELECT cluster, node, workflow_id, run_id, step, boot_id, command, exit_code, timed_out, took_ms, output,
                   ran_at
            FROM command_output
            """;
    private static final String OF_NODE = COLUMNS + """
            WHERE cluster = ? AND node = ? AND ran_at >= ? ORDER BY ran_at DESC, id DESC LIMIT ?
            """;
    /** The last run of each command in each of those boots of the node, for that workflow. */
    private static final String OF_BOOTS = """
            SELECT * FROM (SELECT DISTINCT ON (boot_id, command) cluster, node, workflow_id, run_id, step, boot_id,
                                  command, exit_code, timed_out, took_ms, output, ran_at, id
                           FROM command_output
                           WHERE cluster = ? AND node = ? AND workflow_id = ? AND boot_id = ANY (?)
                           ORDER BY boot_id, command, ran_at DESC, id DESC) last ORDER BY ran_at, id
            """;
    private static final String PURGE = "DELETE FROM command_output WHERE ran_at < now() - ? * interval '1 millisecond'";

    private final DataSource dataSource;

    public CommandOutputStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /** Keeps one command run; an output longer than {@link #KEPT} keeps its end. */
    public void keep(CommandOutput run) {
        Names.require("cluster", run.cluster());
        Names.require("node", run.node());
        String output = run.output().length() > KEPT ? run.output().substring(run.output().length() - KEPT)
                : run.output();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(KEEP)) {
            statement.setString(1, run.cluster());
            statement.setString(2, run.node());
            statement.setString(3, run.workflowId());
            statement.setString(4, run.runId());
            statement.setString(5, run.step());
            statement.setString(6, run.bootId());
            statement.setString(7, run.command());
            statement.setInt(8, run.exitCode());
            statement.setBoolean(9, run.timedOut());
            statement.setLong(10, run.took().toMillis());
            statement.setString(11, output.replace("\u0000", ""));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The node's command runs kept since {@code since}, oldest first, at most the {@code limit} last. */
    public List<CommandOutput> ofNode(String cluster, String node, Instant since, int limit) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        List<CommandOutput> newestFirst = query(OF_NODE, statement -> {
            statement.setString(1, cluster);
            statement.setString(2, node);
            statement.setObject(3, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            statement.setInt(4, limit);
        });
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The last run of each command the workflow's steps ran on the node during each of {@code bootIds}, in order. */
    public List<CommandOutput> ofBoots(String cluster, String node, String workflowId, List<String> bootIds) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        return query(OF_BOOTS, statement -> {
            statement.setString(1, cluster);
            statement.setString(2, node);
            statement.setString(3, workflowId);
            statement.setArray(4, statement.getConnection().createArrayOf("text", bootIds.toArray()));
        });
    }

    /** Deletes every run kept longer than {@code age} ago; returns how many. */
    public int purge(Duration age) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PURGE)) {
            statement.setLong(1, age.toMillis());
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private List<CommandOutput> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<CommandOutput> runs = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    runs.add(new CommandOutput(result.getString("cluster"), result.getString("node"),
                            result.getString("workflow_id"), result.getString("run_id"), result.getString("step"),
                            result.getString("boot_id"), result.getString("command"), result.getInt("exit_code"),
                            result.getBoolean("timed_out"), Duration.ofMillis(result.getLong("took_ms")),
                            result.getString("output"), result.getObject("ran_at", OffsetDateTime.class).toInstant()));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
