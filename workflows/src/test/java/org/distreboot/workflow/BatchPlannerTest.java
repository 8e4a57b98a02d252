package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Role;
import org.junit.jupiter.api.Test;

/** The Planner's decisions for a cluster of quorum groups: its batches, and what blocks a group. */
class BatchPlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static NodeHeartbeat member(String node, String group) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-" + node, null, group);
    }

    private static NodeHeartbeat master(String node, String group) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MASTER, true, "boot-" + node, null, group);
    }

    private static NodeHeartbeat stale(String node, String group) {
        return new NodeHeartbeat(node, NOW.minusSeconds(5), true, Role.MEMBER, true, "boot-" + node, null, group);
    }

    private static RebootStatus run(List<String> nodes, List<String> groups) {
        return RebootStatus.start("prod", "test", nodes, groups, null, NOW);
    }

    @Test
    void givenThreeGroupsAndTwoAtOnce_theBatchesTakeTheLargestGroupsFirst_oneOfAGroup_itsMasterLast() {
        RebootStatus status = run(List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "c-1", "c-2"),
                List.of("a", "a", "a", "b", "b", "b", "c", "c"));

        assertThat(BatchPlanner.batches(status, List.of("a-2", "b-1"), 2)).containsExactly(
                List.of("a-1", "b-2"), List.of("a-3", "b-3"), List.of("c-1", "a-2"), List.of("b-1", "c-2"));
        assertThat(BatchPlanner.batches(status, List.of("a-2", "b-1"), 3)).containsExactly(
                List.of("a-1", "b-2", "c-1"), List.of("a-3", "b-3", "c-2"), List.of("a-2", "b-1"));
        assertThat(BatchPlanner.batches(status, List.of("a-2", "b-1"), 1)).hasSize(8)
                .allMatch(batch -> batch.size() == 1);
    }

    @Test
    void givenNoGroups_theBatchesAreOneNodeEach_theMasterLast_whateverTheBudget() {
        RebootStatus status = RebootStatus.start("prod", "test", List.of("c", "b", "a"), null, NOW);

        assertThat(BatchPlanner.batches(status, List.of("a"), 5)).containsExactly(List.of("b"), List.of("c"), List.of("a"));
    }

    @Test
    void givenDoneAndDroppedNodes_theNextBatchTakesOnlyPendingOnes() {
        RebootStatus status = run(List.of("a-1", "a-2", "b-1", "b-2"), List.of("a", "a", "b", "b"))
                .withNode("a-1", n -> n.done("x", NOW)).withNode("b-1", n -> n.dropped("gone", NOW));

        assertThat(BatchPlanner.batch(status, List.of(), 4)).containsExactly("a-2", "b-2");
        assertThat(BatchPlanner.batch(status.withNode("a-2", n -> n.done("y", NOW))
                .withNode("b-2", n -> n.done("z", NOW)), List.of(), 4)).isEmpty();
    }

    /** Any cluster, any budget: every node once, never two of a group or more than the budget in a batch. */
    @Test
    void givenRandomClusters_everyNodeIsInOneBatch_noBatchHoldsTwoOfAGroup_orMoreThanTheBudget() {
        Random random = new Random(14);
        for (int trial = 0; trial < 200; trial++) {
            int groups = 1 + random.nextInt(6);
            int parallel = 1 + random.nextInt(5);
            List<String> nodes = new ArrayList<>();
            List<String> groupOf = new ArrayList<>();
            Map<String, String> group = new HashMap<>();
            List<String> masters = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int size = 1 + random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    String node = "g" + g + "-n" + i;
                    nodes.add(node);
                    groupOf.add("g" + g);
                    group.put(node, "g" + g);
                }
                masters.add("g" + g + "-n" + random.nextInt(size));
            }
            List<List<String>> batches = BatchPlanner.batches(run(nodes, groupOf), masters, parallel);

            Set<String> seen = new HashSet<>();
            Set<String> groupsDone = new HashSet<>();
            for (List<String> batch : batches) {
                assertThat(batch).hasSizeBetween(1, parallel);
                assertThat(batch.stream().map(group::get).distinct()).hasSameSizeAs(batch);
                for (String node : batch) {
                    assertThat(seen.add(node)).as(node + " twice").isTrue();
                    assertThat(groupsDone).as("a node of " + group.get(node) + " after its master")
                            .doesNotContain(group.get(node));
                    if (masters.contains(node)) {
                        groupsDone.add(group.get(node));
                    }
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(nodes);
        }
    }

    @Test
    void givenGroupsEachWithItsMaster_noSplitBrain_andEachGroupsMasterIsKnown() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(master("a-1", "a"), member("a-2", "a"),
                member("a-3", "a"), member("b-1", "b"), master("b-2", "b"), member("b-3", "b")));
        List<String> members = List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3");

        assertThat(Planner.blockers(snapshot, members, Set.of())).isEmpty();
        assertThat(Planner.groupMasters(snapshot, members)).containsExactly("a-1", "b-2");
        assertThat(Planner.groups(snapshot, members)).containsExactly("a", "a", "a", "b", "b", "b");
    }

    @Test
    void givenTwoMastersInAGroup_orAGroupWithoutQuorum_thatGroupIsNamed() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(master("a-1", "a"), master("a-2", "a"),
                member("a-3", "a"), stale("b-1", "b"), stale("b-2", "b"), member("b-3", "b")));

        assertThat(Planner.blockers(snapshot, List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3"), Set.of()))
                .containsExactly(
                        "b-1: heartbeat stale since " + NOW.minusSeconds(5) + " (daemon down, node unreachable or rebooting)",
                        "b-2: heartbeat stale since " + NOW.minusSeconds(5) + " (daemon down, node unreachable or rebooting)",
                        "more than one master in group a: a-1, a-2 (split brain?)",
                        "no quorum in group b: only 1 of 3 nodes are fresh and ready");
    }

    @Test
    void givenNoGroups_thereAreNoGroupsToShow() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(
                new NodeHeartbeat("a", NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-a")));

        assertThat(Planner.groups(snapshot, List.of("a"))).isNull();
        assertThat(Planner.groupMasters(snapshot, List.of("a"))).isEmpty();
    }
}
