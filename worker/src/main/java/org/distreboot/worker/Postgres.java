package org.distreboot.worker;

import javax.sql.DataSource;
import org.distreboot.db.Database;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.distreboot.worker.config.Settings;

/**
 * The heartbeat store of the properties' database, migrated on first contact: a daemon may
 * start before PostgreSQL does, and must then catch up without a restart.
 */
public final class Postgres {
    private final DataSource dataSource;
    private final HeartbeatStore store;
    private final PlanStore plans;
    private volatile boolean migrated;

    public Postgres(Settings settings) {
        this.dataSource = Database.dataSource(settings.dbUrl(), settings.dbUser().orElse(null),
                settings.dbPassword().orElse(null));
        this.store = new HeartbeatStore(dataSource);
        this.plans = new PlanStore(dataSource);
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
