package org.distreboot.client;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import javax.sql.DataSource;
import org.distreboot.client.config.Settings;
import org.distreboot.db.CommandOutputStore;
import org.distreboot.db.Database;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The heartbeat, plan and command output stores of the properties' database, migrated on first contact: a daemon
 * may start before PostgreSQL does, and must then catch up without a restart. JDBI is made then too: a status the
 * daemon answers never loads it in the command.
 */
public final class Postgres implements Closeable {
    /** The heartbeat loop, a look or plan from an activity, and a status answer, at once. */
    private static final int DAEMON_CONNECTIONS = 3;

    private final DataSource dataSource;
    private volatile Stores stores;

    /** The three stores, over one JDBI. */
    private record Stores(HeartbeatStore heartbeats, PlanStore plans, CommandOutputStore outputs) {
        static Stores on(Jdbi jdbi) {
            return new Stores(HeartbeatStore.on(jdbi), PlanStore.on(jdbi), CommandOutputStore.on(jdbi));
        }
    }

    private Postgres(DataSource dataSource) {
        this.dataSource = dataSource;
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
        return Database.dataSource(settings.db().url(), settings.db().user().orElse(null), settings.db().password().orElse(null));
    }

    /** The heartbeat store, after making sure the schema is current; throws while the database is away. */
    public HeartbeatStore store() {
        return stores().heartbeats();
    }

    /** The run plan store, after making sure the schema is current; throws while the database is away. */
    public PlanStore plans() {
        return stores().plans();
    }

    /** The command output store, after making sure the schema is current; throws while the database is away. */
    public CommandOutputStore outputs() {
        return stores().outputs();
    }

    /** Closes the connections kept open, if any. */
    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    private Stores stores() {
        Stores ready = stores;
        if (ready == null) {
            synchronized (this) {
                if (stores == null) {
                    Database.migrate(dataSource);
                    stores = Stores.on(Database.jdbi(dataSource));
                }
                ready = stores;
            }
        }
        return ready;
    }
}
