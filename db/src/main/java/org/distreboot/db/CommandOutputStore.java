package org.distreboot.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What the commands of runs printed, per node: keep one, list a node's since a time, list those of
 * one boot, purge. Every statement on command_output is here, its parameters bound.
 */
@RegisterRowMapper(CommandOutputStore.Rows.class)
public interface CommandOutputStore {
    /** The tail kept of a command's output, in characters: the end of a failing script says most. */
    int KEPT = 4096;

    /** The store over {@code jdbi}, a handle taken from its pool for each call. */
    static CommandOutputStore on(Jdbi jdbi) {
        return jdbi.onDemand(CommandOutputStore.class);
    }

    @SqlUpdate("""
            INSERT INTO command_output (cluster, node, workflow_id, run_id, step, boot_id, command, exit_code,
                                        timed_out, took_ms, output)
            VALUES (:r.cluster, :r.node, :r.workflowId, :r.runId, :r.step, :r.bootId, :r.command, :r.exitCode,
                    :r.timedOut, :tookMillis, :output)
            """)
    void insert(@BindMethods("r") CommandOutput run, @Bind("tookMillis") long tookMillis,
                @Bind("output") String output);

    @SqlQuery("""
            SELECT cluster, node, workflow_id, run_id, step, boot_id, command, exit_code, timed_out, took_ms, output,
                   ran_at
            FROM command_output
            WHERE cluster = :cluster AND node = :node AND ran_at >= :since ORDER BY ran_at DESC, id DESC LIMIT :limit
            """)
    List<CommandOutput> newestOfNode(@Bind("cluster") String cluster, @Bind("node") String node,
                                     @Bind("since") OffsetDateTime since, @Bind("limit") int limit);

    /** The last run of each command in each of those boots of the node, for that workflow. */
    @SqlQuery("""
            SELECT * FROM (SELECT DISTINCT ON (boot_id, command) cluster, node, workflow_id, run_id, step, boot_id,
                                  command, exit_code, timed_out, took_ms, output, ran_at, id
                           FROM command_output
                           WHERE cluster = :cluster AND node = :node AND workflow_id = :workflowId
                                 AND boot_id = ANY (:bootIds)
                           ORDER BY boot_id, command, ran_at DESC, id DESC) last ORDER BY ran_at, id
            """)
    List<CommandOutput> lastOfBoots(@Bind("cluster") String cluster, @Bind("node") String node,
                                    @Bind("workflowId") String workflowId, @Bind("bootIds") String[] bootIds);

    @SqlUpdate("DELETE FROM command_output WHERE ran_at < now() - :ageMillis * interval '1 millisecond'")
    int deleteOlder(@Bind("ageMillis") long ageMillis);

    /** Keeps one command run; an output longer than {@link #KEPT} keeps its end. */
    default void keep(CommandOutput run) {
        Names.require("cluster", run.cluster());
        Names.require("node", run.node());
        String output = run.output().length() > KEPT ? run.output().substring(run.output().length() - KEPT)
                : run.output();
        insert(run, run.took().toMillis(), output.replace("\u0000", ""));
    }

    /** The node's command runs kept since {@code since}, oldest first, at most the {@code limit} last. */
    default List<CommandOutput> ofNode(String cluster, String node, Instant since, int limit) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        List<CommandOutput> oldestFirst = new ArrayList<>(newestOfNode(cluster, node,
                OffsetDateTime.ofInstant(since, ZoneOffset.UTC), limit));
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The last run of each command the workflow's steps ran on the node during each of {@code bootIds}, in order. */
    default List<CommandOutput> ofBoots(String cluster, String node, String workflowId, List<String> bootIds) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        return lastOfBoots(cluster, node, workflowId, bootIds.toArray(String[]::new));
    }

    /** Deletes every run kept longer than {@code age} ago; returns how many. */
    default int purge(Duration age) {
        return deleteOlder(age.toMillis());
    }

    /** Maps a kept run. */
    final class Rows implements RowMapper<CommandOutput> {
        @Override
        public CommandOutput map(ResultSet result, StatementContext context) throws SQLException {
            return new CommandOutput(result.getString("cluster"), result.getString("node"),
                    result.getString("workflow_id"), result.getString("run_id"), result.getString("step"),
                    result.getString("boot_id"), result.getString("command"), result.getInt("exit_code"),
                    result.getBoolean("timed_out"), Duration.ofMillis(result.getLong("took_ms")),
                    result.getString("output"), result.getObject("ran_at", OffsetDateTime.class).toInstant());
        }
    }
}
