package org.distreboot.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The node heartbeat store: post, list (stale judged by the database clock), drop, purge.
 * Every statement on node_heartbeat is here, its parameters always bound; input is validated
 * before any SQL runs.
 */
@RegisterRowMapper(HeartbeatStore.Rows.class)
public interface HeartbeatStore {

    /** The store over {@code jdbi}, a handle taken from its pool for each call. */
    static HeartbeatStore on(Jdbi jdbi) {
        return jdbi.onDemand(HeartbeatStore.class);
    }

    /**
     * The upsert. The row names a contender when another daemon, alive and not stopping, posted it
     * after this daemon's previous post ({@code previous}; null on a daemon's first post, whose
     * predecessor on the same host may well have posted last).
     */
    @SqlQuery("""
            INSERT INTO node_heartbeat AS row (cluster, node, expires_at, boot_id, daemon_id, daemon_started_at,
                                               role, ready, version, posted_at, stopping, host, machine_id, topology,
                                               reboot_required, temporal_connected, polled_at, served_by)
            VALUES (:h.cluster, :h.node, now() + :ttlMillis * interval '1 millisecond', :h.bootId, :h.daemonId,
                    :daemonStartedAt, :h.role, :h.ready, :h.version, now(), :h.stopping, :h.host, :h.machineId,
                    :h.topology, :h.rebootRequired, :h.temporalConnected,
                    now() - :sinceLastPollMillis * interval '1 millisecond', :h.servedBy)
            ON CONFLICT (cluster, node) DO UPDATE SET
                expires_at = EXCLUDED.expires_at, boot_id = EXCLUDED.boot_id,
                daemon_id = EXCLUDED.daemon_id, daemon_started_at = EXCLUDED.daemon_started_at,
                role = EXCLUDED.role, ready = EXCLUDED.ready, version = EXCLUDED.version,
                posted_at = EXCLUDED.posted_at, stopping = EXCLUDED.stopping,
                host = EXCLUDED.host, machine_id = EXCLUDED.machine_id, topology = EXCLUDED.topology,
                reboot_required = EXCLUDED.reboot_required,
                temporal_connected = EXCLUDED.temporal_connected, polled_at = EXCLUDED.polled_at,
                served_by = EXCLUDED.served_by,
                contender = CASE WHEN row.daemon_id <> EXCLUDED.daemon_id AND NOT row.stopping
                                      AND row.expires_at > now() AND row.posted_at > :previous
                                 THEN row.host ELSE row.contender END,
                contended_at = CASE WHEN row.daemon_id <> EXCLUDED.daemon_id AND NOT row.stopping
                                         AND row.expires_at > now() AND row.posted_at > :previous
                                    THEN now() ELSE row.contended_at END
            RETURNING posted_at
            """)
    Instant upsert(@BindMethods("h") Heartbeat heartbeat, @Bind("daemonStartedAt") OffsetDateTime daemonStartedAt,
                   @Bind("ttlMillis") long ttlMillis, @Bind("sinceLastPollMillis") Long sinceLastPollMillis,
                   @Bind("previous") OffsetDateTime previous);

    @SqlQuery("""
            SELECT cluster, node, expires_at, expires_at < now() AS stale, boot_id, daemon_id, daemon_started_at,
                   role, ready, version, posted_at, stopping, host, machine_id, topology, reboot_required,
                   temporal_connected, polled_at, served_by,
                   CASE WHEN contended_at > posted_at - (expires_at - posted_at) THEN contender END AS contender,
                   now() AS observed_at
            FROM node_heartbeat WHERE cluster = :cluster ORDER BY node
            """)
    List<Listed> rows(@Bind("cluster") String cluster);

    @SqlQuery("SELECT now()")
    Instant now();

    @SqlUpdate("DELETE FROM node_heartbeat WHERE cluster = :cluster AND node = :node")
    int delete(@Bind("cluster") String cluster, @Bind("node") String node);

    @SqlUpdate("DELETE FROM node_heartbeat WHERE expires_at < now() - :ageMillis * interval '1 millisecond'")
    int deleteExpired(@Bind("ageMillis") long ageMillis);

    /** Upserts the node's heartbeat; it expires {@code ttl} after the database's now(). */
    default void post(Heartbeat heartbeat, Duration ttl) {
        post(heartbeat, ttl, null);
    }

    /**
     * Upserts the node's heartbeat, {@code previous} being the database time of this daemon's
     * previous post (null for its first); returns the database time of this one.
     */
    default Instant post(Heartbeat heartbeat, Duration ttl, Instant previous) {
        Objects.requireNonNull(heartbeat, "heartbeat is missing");
        long ttlMillis = positiveMillis("heartbeat ttl", ttl);
        return upsert(heartbeat, utc(heartbeat.daemonStartedAt()), ttlMillis,
                heartbeat.sinceLastPoll() == null ? null : heartbeat.sinceLastPoll().toMillis(), utc(previous));
    }

    /** The cluster's nodes ordered by name, with the database time they were judged at (one statement, one now()). */
    default ClusterHeartbeats list(String cluster) {
        Names.require("cluster", cluster);
        List<Listed> rows = rows(cluster);
        return new ClusterHeartbeats(cluster, rows.isEmpty() ? now() : rows.get(rows.size() - 1).observedAt(),
                rows.stream().map(Listed::row).toList());
    }

    /** Removes the node's row; returns false when there was none (dropping twice is harmless). */
    default boolean drop(String cluster, String node) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        return delete(cluster, node) > 0;
    }

    /** Deletes rows of every cluster that expired longer than {@code age} ago; returns how many. */
    default int purge(Duration age) {
        return deleteExpired(positiveMillis("heartbeat purge age", age));
    }

    /** A row as listed, and the database time of the statement that listed it. */
    record Listed(NodeHeartbeatRow row, Instant observedAt) {
    }

    /** Maps a listed row. */
    final class Rows implements RowMapper<Listed> {
        @Override
        public Listed map(ResultSet result, StatementContext context) throws SQLException {
            Heartbeat posted = new Heartbeat(result.getString("cluster"), result.getString("node"), result.getString("boot_id"),
                    result.getString("daemon_id"), instant(result, "daemon_started_at"), result.getString("role"),
                    result.getObject("ready", Boolean.class), result.getString("version"), result.getBoolean("stopping"),
                    result.getString("host"), result.getString("machine_id"), result.getString("topology"),
                    result.getObject("reboot_required", Boolean.class))
                    .coordinating(result.getObject("temporal_connected", Boolean.class), null)
                    .servedBy(result.getString("served_by"));
            return new Listed(new NodeHeartbeatRow(posted, instant(result, "expires_at"), result.getBoolean("stale"),
                    instant(result, "posted_at"), result.getString("contender"), instant(result, "polled_at")),
                    instant(result, "observed_at"));
        }
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long positiveMillis(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration.toMillis();
    }
}
