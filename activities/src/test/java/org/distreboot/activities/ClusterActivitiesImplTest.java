package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.distreboot.db.Database;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.db.PlanStore;
import org.distreboot.db.TestDatabase;
import java.util.List;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster activities over a real PostgreSQL. */
class ClusterActivitiesImplTest {
    private static HeartbeatStore store;
    private static PlanStore plans;

    @BeforeAll
    static void database() {
        TestDatabase db = TestDatabase.create();
        store = HeartbeatStore.on(Database.jdbi(db.dataSource));
        plans = PlanStore.on(Database.jdbi(db.dataSource));
    }

    private static ClusterActivitiesImpl activities(String cluster) {
        return new ClusterActivitiesImpl(() -> store, new Looks(() -> store, () -> plans, cluster), cluster);
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

        ClusterSnapshot snapshot = activities("prod").snapshot();

        assertThat(snapshot.nodes()).extracting(NodeHeartbeat::node, NodeHeartbeat::role, NodeHeartbeat::ready,
                        NodeHeartbeat::stale, NodeHeartbeat::bootId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Role.MEMBER, true, false, "boot-a"),
                        org.assertj.core.groups.Tuple.tuple("b", Role.MASTER, true, false, "boot-b"),
                        org.assertj.core.groups.Tuple.tuple("c", null, null, false, "boot-c"));
        assertThat(snapshot.observedAt()).isBefore(snapshot.nodes().get(0).expires());
    }

    @Test
    void thePlan_isTheNodesWithAHeartbeatWhenTheRunStarts_masterLast_andLaterLooksJudgeOnlyThem() {
        post("planned", "a", "member", true);
        post("planned", "b", "master", true);
        post("planned", "c", "member", true);
        ClusterActivitiesImpl activities = activities("planned");

        Plan plan = activities.plan("run-1");
        post("planned", "late", "member", false);
        store.drop("planned", "c");

        assertThat(plan.order()).containsExactly("a", "c", "b");
        assertThat(plan.verdict().whole()).isTrue();
        assertThat(plan.verdict().master()).isEqualTo("b");
        assertThat(activities.plan("run-1").order()).as("a retry gets the plan fixed first").containsExactly("a", "c", "b");
        assertThat(activities.look(Look.between("run-1", List.of(), null)).blockers())
                .containsExactly("c: no heartbeat (is its distreboot daemon running?)");
        assertThat(activities.look(Look.between("run-1", List.of("c"), null)).whole()).as("c dropped, late not planned").isTrue();
        assertThat(activities.look(new Look("run-1", List.of("c"), "a", "boot-a", null)).blockers())
                .containsExactly("a: its heartbeat still shows the boot before the reboot");
    }

    @Test
    void givenDropTwice_theRowGoesOnceAndTheSecondDropIsHarmless() {
        post("drops", "a", "member", true);
        ClusterActivitiesImpl activities = activities("drops");

        assertThat(activities.dropHeartbeat("a")).isTrue();
        assertThat(activities.dropHeartbeat("a")).isFalse();
        assertThat(activities.snapshot().nodes()).isEmpty();
    }
}
