package org.distreboot.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The node heartbeat store: post, list (stale judged by the database clock), drop, purge.
 * Every statement on node_heartbeat is here, its parameters always bound; input is validated
 * before any SQL runs. Plain JDBC: a mapping library costs each daemon a thousand classes
 * (8 MB resident) and each command a tenth of a second, for five statements.
 */
public final class HeartbeatStore {
    /**
     * The upsert. The row names a contender when another daemon, alive and not stopping, posted it
     * after this daemon's previous post (the last parameter; null on a daemon's first post, whose
     * predecessor on the same host may well have posted last).
     */
    private static final String POST = """
            INSERT INTO node_heartbeat AS row (cluster, node, expires_at, boot_id, daemon_id, daemon_started_at,
                                               role, ready, version, posted_at, stopping, host, machine_id, topology,
                                               reboot_required, temporal_connected, polled_at)
            VALUES (?, ?, now() + ? * interval '1 millisecond', ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?,
                    now() - ? * interval '1 millisecond')
            ON CONFLICT (cluster, node) DO UPDATE SET
                expires_at = EXCLUDED.expires_at, boot_id = EXCLUDED.boot_id,
                daemon_id = EXCLUDED.daemon_id, daemon_started_at = EXCLUDED.daemon_started_at,
                role = EXCLUDED.role, ready = EXCLUDED.ready, version = EXCLUDED.version,
                posted_at = EXCLUDED.posted_at, stopping = EXCLUDED.stopping,
                host = EXCLUDED.host, machine_id = EXCLUDED.machine_id, topology = EXCLUDED.topology,
                reboot_required = EXCLUDED.reboot_required,
                temporal_connected = EXCLUDED.temporal_connected, polled_at = EXCLUDED.polled_at,
                contender = CASE WHEN row.daemon_id <> EXCLUDED.daemon_id AND NOT row.stopping
                                      AND row.expires_at > now() AND row.posted_at > ?
                                 THEN row.host ELSE row.contender END,
                contended_at = CASE WHEN row.daemon_id <> EXCLUDED.daemon_id AND NOT row.stopping
                                         AND row.expires_at > now() AND row.posted_at > ?
                                    THEN now() ELSE row.contended_at END
            RETURNING posted_at
            """;
    private static final String LIST = """
            SELECT node, expires_at, expires_at < now() AS stale, boot_id, daemon_id, daemon_started_at,
                   role, ready, version, posted_at, stopping, host, machine_id, topology, reboot_required,
                   temporal_connected, polled_at,
                   CASE WHEN contended_at > posted_at - (expires_at - posted_at) THEN contender END AS contender,
                   now() AS observed_at
            FROM node_heartbeat WHERE cluster = ? ORDER BY node
            """;
    private static final String NOW = "SELECT now()";
    private static final String DROP = "DELETE FROM node_heartbeat WHERE cluster = ? AND node = ?";
    private static final String PURGE = "DELETE FROM node_heartbeat WHERE expires_at < now() - ? * interval '1 millisecond'";

    private final DataSource dataSource;

    public HeartbeatStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /** Upserts the node's heartbeat; it expires {@code ttl} after the database's now(). */
    public void post(Heartbeat heartbeat, Duration ttl) {
        post(heartbeat, ttl, null);
    }

    /**
     * Upserts the node's heartbeat, {@code previous} being the database time of this daemon's
     * previous post (null for its first); returns the database time of this one.
     */
    public Instant post(Heartbeat heartbeat, Duration ttl, Instant previous) {
        Objects.requireNonNull(heartbeat, "heartbeat is missing");
        long ttlMillis = positiveMillis("heartbeat ttl", ttl);
        OffsetDateTime since = previous == null ? null : OffsetDateTime.ofInstant(previous, ZoneOffset.UTC);
        return returning(POST, statement -> {
            statement.setString(1, heartbeat.cluster());
            statement.setString(2, heartbeat.node());
            statement.setLong(3, ttlMillis);
            statement.setString(4, heartbeat.bootId());
            statement.setString(5, heartbeat.daemonId());
            statement.setObject(6, OffsetDateTime.ofInstant(heartbeat.daemonStartedAt(), ZoneOffset.UTC));
            statement.setString(7, heartbeat.role());
            statement.setObject(8, heartbeat.ready(), Types.BOOLEAN);
            statement.setString(9, heartbeat.version());
            statement.setBoolean(10, heartbeat.stopping());
            statement.setString(11, heartbeat.host());
            statement.setString(12, heartbeat.machineId());
            statement.setString(13, heartbeat.topology());
            statement.setObject(14, heartbeat.rebootRequired(), Types.BOOLEAN);
            statement.setObject(15, heartbeat.temporalConnected(), Types.BOOLEAN);
            statement.setObject(16, heartbeat.sinceLastPoll() == null ? null : heartbeat.sinceLastPoll().toMillis(),
                    Types.BIGINT);
            statement.setObject(17, since, Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(18, since, Types.TIMESTAMP_WITH_TIMEZONE);
        });
    }

    /** The cluster's nodes ordered by name, with the database time they were judged at (one statement, one now()). */
    public ClusterHeartbeats list(String cluster) {
        Names.require("cluster", cluster);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setString(1, cluster);
            List<NodeHeartbeatRow> rows = new ArrayList<>();
            Instant observedAt = null;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(cluster, result));
                    observedAt = instant(result, "observed_at");
                }
            }
            return new ClusterHeartbeats(cluster, observedAt != null ? observedAt : now(connection), rows);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Removes the node's row; returns false when there was none (dropping twice is harmless). */
    public boolean drop(String cluster, String node) {
        Names.require("cluster", cluster);
        Names.require("node", node);
        return update(DROP, statement -> {
            statement.setString(1, cluster);
            statement.setString(2, node);
        }) > 0;
    }

    /** Deletes rows of every cluster that expired longer than {@code age} ago; returns how many. */
    public int purge(Duration age) {
        long ageMillis = positiveMillis("heartbeat purge age", age);
        return update(PURGE, statement -> statement.setLong(1, ageMillis));
    }

    private static NodeHeartbeatRow row(String cluster, ResultSet result) throws SQLException {
        Heartbeat posted = new Heartbeat(cluster, result.getString("node"), result.getString("boot_id"),
                result.getString("daemon_id"), instant(result, "daemon_started_at"), result.getString("role"),
                result.getObject("ready", Boolean.class), result.getString("version"), result.getBoolean("stopping"),
                result.getString("host"), result.getString("machine_id"), result.getString("topology"),
                result.getObject("reboot_required", Boolean.class))
                .coordinating(result.getObject("temporal_connected", Boolean.class), null);
        return new NodeHeartbeatRow(posted, instant(result, "expires_at"), result.getBoolean("stale"),
                instant(result, "posted_at"), result.getString("contender"), instant(result, "polled_at"));
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NOW);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return instant(result, 1);
        }
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class).toInstant();
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private Instant returning(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return instant(result, 1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static long positiveMillis(String what, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration.toMillis();
    }
}
