package org.distreboot.activities;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.distreboot.client.Snapshots;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.workflow.legacy.LegacyClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cluster-wide activities over the heartbeat store; any daemon of the cluster may run them. */
public final class ClusterActivitiesImpl implements LegacyClusterActivities {
    static final String NOTICE_FAILED = "NoticeFailed";
    private static final Logger log = LoggerFactory.getLogger(ClusterActivitiesImpl.class);
    private final Supplier<HeartbeatStore> store;
    private final Looks looks;
    private final String cluster;
    private final Notifier notifier;

    /** {@code store} is asked for on every call: the daemon connects (and migrates) lazily. */
    public ClusterActivitiesImpl(Supplier<HeartbeatStore> store, Looks looks, String cluster, Notifier notifier) {
        this.store = store;
        this.looks = looks;
        this.cluster = cluster;
        this.notifier = notifier;
    }

    public ClusterActivitiesImpl(Supplier<HeartbeatStore> store, Looks looks, String cluster) {
        this(store, looks, cluster, Notifier.NONE);
    }

    /** Idempotent: a plan is fixed once per run, and a retry gets it back. */
    @Override
    public Plan plan(String key) {
        return looks.plan(key);
    }

    /** Idempotent: it only reads. */
    @Override
    public Verdict look(Look look) {
        return looks.look(look);
    }

    /** Idempotent: it only reads. */
    @Override
    public ClusterSnapshot snapshot() {
        return Snapshots.of(store.get().list(cluster));
    }

    /**
     * At least once: a retry after a lost answer posts the notice again. A notice that did not get
     * through fails the call, in one line (Temporal tries again, maybe on another daemon) and no
     * stack trace: a webhook that is down is no fault of this daemon's.
     */
    @Override
    public void sendNotice(Notice notice) {
        try {
            notifier.send(notice);
        } catch (Notifier.NoticeFailedException e) {
            log.warn("notice {}{} not sent: {}", notice.event(), notice.node() == null ? "" : " of " + notice.node(),
                    e.getMessage());
            throw ApplicationFailure.newBuilder().setMessage(e.getMessage()).setType(NOTICE_FAILED)
                    .setCategory(ApplicationErrorCategory.BENIGN).build();
        }
    }

    /** Idempotent: dropping a row that is gone does nothing. */
    @Override
    public boolean dropHeartbeat(String node) {
        return store.get().drop(cluster, node);
    }
}
