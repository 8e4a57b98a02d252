package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/** A run's result, packed: about three bytes a node, read back whole by Temporal's own converter. */
class PackedResultTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

    private static RebootStatus finishedFleet(int size) {
        List<String> order = IntStream.range(0, size).mapToObj(i -> String.format("node-%05d", i)).toList();
        RebootStatus status = RebootStatus.start("fleet", "me", order, order.get(size - 1), NOW);
        for (String node : order.subList(0, size - 1)) {
            status = status.withNode(node, n -> n.started(NOW).draining("before-" + node).done("after-" + node, NOW));
        }
        return status.withNode(order.get(size - 1), n -> n.dropped("dropped by me: gone for good", NOW))
                .finished(Phase.COMPLETED, null, NOW.plusSeconds(60));
    }

    private static Payloads write(RebootStatus status) {
        return CONVERTER.toPayloads(status).orElseThrow();
    }

    private static RebootStatus read(Payloads payloads) {
        return CONVERTER.fromPayloads(0, Optional.of(payloads), RebootStatus.class, RebootStatus.class);
    }

    @Test
    void aResultOfTenThousandNodes_isAboutThreeBytesANode_andReadsBackWithEveryNodeInOrderAndState() {
        RebootStatus status = finishedFleet(10_000);

        Payloads packed = write(status.asResult());
        RebootStatus again = read(packed);

        assertThat(packed.getSerializedSize()).as("packed: about 3 bytes a node").isLessThan(40_000);
        assertThat(write(status).getSerializedSize()).as("whole").isGreaterThan(1_000_000);
        assertThat(again.order()).isEqualTo(status.order());
        assertThat(again.nodes().stream().map(NodeStatus::state).toList())
                .isEqualTo(status.nodes().stream().map(NodeStatus::state).toList());
        assertThat(again.withState(NodeState.DONE)).hasSize(9_999);
        assertThat(again.node("node-09999")).as("a dropped node keeps its note").isEqualTo(status.node("node-09999"));
        assertThat(again.node("node-00000").orElseThrow().bootIdAfter()).as("kept in the history that did it")
                .isNull();
        assertThat(again.withNodes(List.of())).isEqualTo(status.withNodes(List.of()));
        assertThat(again.packed()).as("read back, a status is whole again").isNull();
    }

    @Test
    void aStatusNotPacked_readsBackAsItWasWritten_andSaysNothingOfPacking() {
        RebootStatus status = finishedFleet(5);

        Payloads whole = write(status);

        assertThat(read(whole)).isEqualTo(status);
        assertThat(whole.getPayloads(0).getData().toString(StandardCharsets.UTF_8)).doesNotContain("packed");
    }

    @Test
    void aPackedResultOfAClusterOfGroups_keepsEachNodesGroup() {
        RebootStatus status = RebootStatus.start("fleet", "me", List.of("a1", "b1", "a2"), List.of("a", "b", "a"),
                "a2", NOW).withNode("a1", n -> n.started(NOW).draining("x").done("y", NOW));

        RebootStatus again = read(write(status.asResult()));

        assertThat(again.nodes().stream().map(NodeStatus::group).toList()).containsExactly("a", "b", "a");
        assertThat(again.nodes().stream().map(NodeStatus::state).toList())
                .containsExactly(NodeState.DONE, NodeState.PENDING, NodeState.PENDING);
    }
}
