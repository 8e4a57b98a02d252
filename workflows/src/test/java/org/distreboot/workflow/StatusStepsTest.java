package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/**
 * The status steps a run takes at every turn (the next node, the pending nodes planned, one node
 * changed) give what they gave when they were written as sorts and passes over copies: a fleet of
 * ten thousand made those the run's main cost, and the same decisions must come out.
 */
class StatusStepsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final NodeState[] STATES = NodeState.values();

    @Test
    void givenRandomRuns_theNextNodeIsThePendingOrdersFirst_masterLast() {
        Random random = new Random(14);
        for (int i = 0; i < 500; i++) {
            RebootStatus status = randomRun(random);
            String master = random.nextInt(4) == 0 ? null : pick(random, status).node();
            Optional<String> expected = Planner.order(status.withState(NodeState.PENDING), master).stream().findFirst();
            assertThat(Planner.next(status, master)).as(status.nodes() + " master " + master).isEqualTo(expected);
        }
    }

    @Test
    void givenRandomRuns_planningThePendingNodesGivesTheOrderItAlwaysGave() {
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            RebootStatus status = randomRun(random);
            List<String> pending = new ArrayList<>(status.withState(NodeState.PENDING));
            if (random.nextBoolean()) {
                Collections.shuffle(pending, random);
            }
            RebootStatus planned = status.planned(pending, "the-master");
            assertThat(planned.nodes()).as(status.nodes() + " planned " + pending).isEqualTo(reordered(status, pending));
            assertThat(planned.master()).isEqualTo("the-master");
        }
    }

    @Test
    void givenRandomRuns_oneNodeChangedChangesOnlyIt() {
        Random random = new Random(16);
        for (int i = 0; i < 200; i++) {
            RebootStatus status = randomRun(random);
            NodeStatus node = pick(random, status);
            RebootStatus changed = status.withNode(node.node(), n -> n.done("boot-after", NOW));
            for (int at = 0; at < status.nodes().size(); at++) {
                NodeStatus before = status.nodes().get(at);
                assertThat(changed.nodes().get(at)).isEqualTo(before.node().equals(node.node())
                        ? before.done("boot-after", NOW) : before);
            }
            assertThat(changed.count(NodeState.DONE)).isEqualTo(changed.withState(NodeState.DONE).size());
            assertThat(changed.isDropped(node.node())).isFalse();
        }
        RebootStatus status = RebootStatus.start("prod", "test", List.of("node-a"), null, NOW);
        assertThat(status.withNode("node-z", n -> n.done("x", NOW))).isEqualTo(status);
    }

    /** What planned() gave before its fast path: the others in place, then the pending in order. */
    private static List<NodeStatus> reordered(RebootStatus status, List<String> order) {
        Map<String, NodeStatus> pending = new LinkedHashMap<>();
        List<NodeStatus> reordered = new ArrayList<>();
        for (NodeStatus node : status.nodes()) {
            if (node.state() == NodeState.PENDING) {
                pending.put(node.node(), node);
            } else {
                reordered.add(node);
            }
        }
        order.forEach(name -> Optional.ofNullable(pending.remove(name)).ifPresent(reordered::add));
        reordered.addAll(pending.values());
        return reordered;
    }

    /** 1 to 30 nodes in random states, often done first and pending last as a run keeps them. */
    private static RebootStatus randomRun(Random random) {
        int size = 1 + random.nextInt(30);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add(String.format("node-%02d", random.nextInt(100)) + "-" + i);
        }
        Collections.shuffle(names, random);
        List<NodeStatus> nodes = new ArrayList<>();
        boolean tidy = random.nextBoolean();
        for (int i = 0; i < size; i++) {
            NodeState state = tidy ? (i < size / 2 ? NodeState.DONE : NodeState.PENDING)
                    : STATES[random.nextInt(STATES.length)];
            nodes.add(new NodeStatus(names.get(i), state, null, null, null, null, null));
        }
        if (tidy) {
            nodes.subList(size / 2, size).sort((a, b) -> a.node().compareTo(b.node()));
        }
        return RebootStatus.start("prod", "test", List.of(), null, NOW).withNodes(nodes);
    }

    private static NodeStatus pick(Random random, RebootStatus status) {
        return status.nodes().get(random.nextInt(status.nodes().size()));
    }
}
