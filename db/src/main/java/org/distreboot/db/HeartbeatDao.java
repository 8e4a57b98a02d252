package org.distreboot.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Every statement on node_heartbeat, in one place. Parameters are always bound. */
interface HeartbeatDao {

    @SqlUpdate("""
            INSERT INTO node_heartbeat (cluster, node, expires_at, boot_id, daemon_id, daemon_started_at,
                                        role, ready, version, posted_at, stopping)
            VALUES (:hb.cluster, :hb.node, now() + :ttlMillis * interval '1 millisecond', :hb.bootId,
                    :hb.daemonId, :hb.daemonStartedAt, :hb.role, :hb.ready, :hb.version, now(), :hb.stopping)
            ON CONFLICT (cluster, node) DO UPDATE SET
                expires_at = EXCLUDED.expires_at, boot_id = EXCLUDED.boot_id,
                daemon_id = EXCLUDED.daemon_id, daemon_started_at = EXCLUDED.daemon_started_at,
                role = EXCLUDED.role, ready = EXCLUDED.ready, version = EXCLUDED.version,
                posted_at = EXCLUDED.posted_at, stopping = EXCLUDED.stopping
            """)
    void post(@BindMethods("hb") Heartbeat heartbeat, @Bind("ttlMillis") long ttlMillis);

    @SqlQuery("""
            SELECT cluster, node, expires_at, expires_at < now() AS stale, boot_id, daemon_id,
                   daemon_started_at, role, ready, version, posted_at, stopping
            FROM node_heartbeat WHERE cluster = :cluster ORDER BY node
            """)
    @RegisterConstructorMapper(NodeHeartbeatRow.class)
    List<NodeHeartbeatRow> list(@Bind("cluster") String cluster);

    @SqlQuery("SELECT now()")
    Instant now();

    @SqlUpdate("DELETE FROM node_heartbeat WHERE cluster = :cluster AND node = :node")
    int drop(@Bind("cluster") String cluster, @Bind("node") String node);

    @SqlUpdate("DELETE FROM node_heartbeat WHERE expires_at < now() - :ageMillis * interval '1 millisecond'")
    int purge(@Bind("ageMillis") long ageMillis);
}
