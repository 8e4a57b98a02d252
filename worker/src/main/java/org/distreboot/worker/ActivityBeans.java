package org.distreboot.worker;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.distreboot.activities.BootIdFile;
import org.distreboot.activities.ClusterActivitiesImpl;
import org.distreboot.activities.Looks;
import org.distreboot.activities.Notifier;
import org.distreboot.activities.WebhookNotifier;
import org.distreboot.client.Postgres;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.config.Settings;


/**
 * The activities this daemon serves, and the workers that poll for them: the cluster's on the
 * cluster queue, each node's on its own queue, with its commands from the properties.
 */
@Factory
final class ActivityBeans {

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

    /**
     * The nodes this daemon serves: its own, or those ssh.nodes names (a control host's daemon has
     * no node of its own, and never reads its own boot id). Their beats join the heartbeat loop.
     */
    @Singleton
    ServedNodes served(Settings settings, HeartbeatLoop loop, Postgres postgres, Looks looks, DaemonMetrics metrics,
                       BeanProvider<BootIdFile> bootIds, BeanProvider<FoundAtStart> found, ThisDaemon me,
                       WarmingWorkers workers, @Named("heartbeat") ScheduledExecutorService schedule) {
        boolean overSsh = settings.ssh().overSsh();
        List<ServedNode> nodes = overSsh ? SshNodes.of(settings, loop, postgres, looks, metrics)
                : List.of(LocalNode.of(settings, bootIds.get(), me, found.get(), loop, postgres, looks, metrics, workers,
                        schedule));
        ServedNodes served = new ServedNodes(nodes, overSsh);
        loop.serving(served.beats());
        return served;
    }
}
