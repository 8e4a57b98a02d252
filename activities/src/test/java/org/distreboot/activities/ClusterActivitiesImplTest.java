package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.TestDatabase;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster activities over a real PostgreSQL. */
class ClusterActivitiesImplTest {
    private static HeartbeatStore store;

    @BeforeAll
    static void database() {
        store = new HeartbeatStore(TestDatabase.create().dataSource);
    }

    private static void post(String cluster, String node, String role, Boolean ready) {
        store.post(new Heartbeat(cluster, node, "boot-" + node, "d", Instant.now(), role, ready, "0.1"),
                Duration.ofSeconds(20));
    }

    @Test
    void givenHeartbeats_theSnapshotShowsRolesReadinessAndStalenessOfThisClusterOnly() {
        post("prod", "a", "member", true);
        post("prod", "b", "master", true);
        post("prod", "c", null, null);
        post("other", "x", "master", true);

        ClusterSnapshot snapshot = new ClusterActivitiesImpl(() -> store, "prod").snapshot();

        assertThat(snapshot.nodes()).extracting(NodeHeartbeat::node, NodeHeartbeat::role, NodeHeartbeat::ready,
                        NodeHeartbeat::stale, NodeHeartbeat::bootId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Role.MEMBER, true, false, "boot-a"),
                        org.assertj.core.groups.Tuple.tuple("b", Role.MASTER, true, false, "boot-b"),
                        org.assertj.core.groups.Tuple.tuple("c", null, null, false, "boot-c"));
        assertThat(snapshot.observedAt()).isBefore(snapshot.nodes().get(0).expires());
    }

    @Test
    void givenDropTwice_theRowGoesOnceAndTheSecondDropIsHarmless() {
        post("drops", "a", "member", true);
        ClusterActivitiesImpl activities = new ClusterActivitiesImpl(() -> store, "drops");

        assertThat(activities.dropHeartbeat("a")).isTrue();
        assertThat(activities.dropHeartbeat("a")).isFalse();
        assertThat(activities.snapshot().nodes()).isEmpty();
    }
}
