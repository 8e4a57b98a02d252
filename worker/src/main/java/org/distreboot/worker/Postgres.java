package org.distreboot.worker;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import javax.sql.DataSource;
import org.distreboot.db.CommandOutputStore;
import org.distreboot.db.Database;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.distreboot.worker.config.Settings;

/**
 * The heartbeat, plan and command output stores of the properties' database, migrated on first contact: a daemon
 * may start before PostgreSQL does, and must then catch up without a restart.
 */
public final class Postgres implements Closeable {
    /** The heartbeat loop, a look or plan from an activity, and a status answer, at once. */
    private static final int DAEMON_CONNECTIONS = 3;

    private final DataSource dataSource;
    private final HeartbeatStore store;
    private final PlanStore plans;
    private final CommandOutputStore outputs;
    private volatile boolean migrated;

    private Postgres(DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new HeartbeatStore(dataSource);
        this.plans = new PlanStore(dataSource);
        this.outputs = new CommandOutputStore(dataSource);
    }

    /** A connection for each statement: a command that reads once and exits. */
    public static Postgres direct(Settings settings) {
        return new Postgres(source(settings));
    }

    /** Connections kept open and reused: a daemon, which posts a heartbeat every few seconds for ever. */
    public static Postgres pooled(Settings settings) {
        return new Postgres(Database.pool(source(settings), DAEMON_CONNECTIONS));
    }

    private static DataSource source(Settings settings) {
        return Database.dataSource(settings.dbUrl(), settings.dbUser().orElse(null), settings.dbPassword().orElse(null));
    }

    /** The heartbeat store, after making sure the schema is current; throws while the database is away. */
    public HeartbeatStore store() {
        migrated();
        return store;
    }

    /** The run plan store, after making sure the schema is current; throws while the database is away. */
    public PlanStore plans() {
        migrated();
        return plans;
    }

    /** The command output store, after making sure the schema is current; throws while the database is away. */
    public CommandOutputStore outputs() {
        migrated();
        return outputs;
    }

    /** Closes the connections kept open, if any. */
    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    private void migrated() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    Database.migrate(dataSource);
                    migrated = true;
                }
            }
        }
    }
}
