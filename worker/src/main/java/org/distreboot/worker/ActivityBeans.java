package org.distreboot.worker;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import org.distreboot.activities.BootIdFile;
import org.distreboot.activities.ClusterActivitiesImpl;
import org.distreboot.activities.KeptOutputs;
import org.distreboot.activities.Looks;
import org.distreboot.activities.NodeActivitiesImpl;
import org.distreboot.activities.NodeClaim;
import org.distreboot.activities.Notifier;
import org.distreboot.activities.Redaction;
import org.distreboot.activities.WebhookNotifier;
import org.distreboot.client.Postgres;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.config.Settings;
import org.distreboot.db.NodeHeartbeatRow;

/**
 * The activities this daemon serves, and the workers that poll for them: the cluster's on the
 * cluster queue, this node's on its own queue, each with its commands from the properties.
 */
@Factory
final class ActivityBeans {

    /** What the node's commands printed, kept with secrets masked. */
    @Singleton
    KeptOutputs kept(Settings settings, BootIdFile bootIds, Postgres postgres, NodeCommands commands) {
        return new KeptOutputs(settings.cluster(), settings.node(), bootIds, postgres::outputs,
                new Redaction(commands.secrets()));
    }

    @Singleton
    Looks looks(Settings settings, Postgres postgres) {
        return new Looks(postgres::store, postgres::plans, settings.cluster());
    }

    @Singleton
    ClusterActivitiesImpl clusterActivities(Settings settings, Postgres postgres, Looks looks) {
        return new ClusterActivitiesImpl(postgres::store, looks, settings.cluster(),
                settings.notifications().url().<Notifier>map(WebhookNotifier::new).orElse(Notifier.NONE));
    }

    /** The workers, none polling yet: the daemon starts them with this node's activities. */
    @Singleton
    WarmingWorkers workers(Settings settings, TemporalConnection temporal, ClusterActivitiesImpl activities) {
        return WarmingWorkers.of(temporal.client(), settings.cluster(), StickyExecution.wanted(temporal.stubs()),
                activities);
    }

    /** rebootcmd, run once this node's workers have stopped taking work. */
    @Singleton
    LeavingRebooter rebooter(NodeCommands commands, KeptOutputs kept, WarmingWorkers workers,
                             @Named("heartbeat") ScheduledExecutorService schedule) {
        return new LeavingRebooter(commands.rebooter(kept), workers, schedule);
    }

    @Singleton
    NodeActivitiesImpl nodeActivities(Settings settings, BootIdFile bootIds, NodeCommands commands, KeptOutputs kept,
                                      RejoinCheck rejoin, Postgres postgres, Looks looks, LeavingRebooter rebooter) {
        NodeClaim claim = () -> postgres.store().list(settings.cluster()).node(settings.node())
                .flatMap(NodeHeartbeatRow::claimedBy);
        return new NodeActivitiesImpl(settings.node(), bootIds, commands.blocker(kept), commands.drainer(kept),
                rebooter, rejoin, claim, looks::look, kept);
    }
}
