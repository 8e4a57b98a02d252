package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/** What the Temporal UI shows as the run's current details. */
class StatusTextTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:12:54Z");

    @Test
    void givenSecondNodeRejoining_theDetailsSayClusterPhaseProgressWhoSinceWhenWhatItWaitsForAndEachStep() {
        RebootStatus status = RebootStatus.start("prod", "root@a", List.of("node-a", "node-c", "node-b"), "node-b", T0)
                .withNode("node-a", n -> n.started(T0).draining("0f6d3a9e-1111-2222-3333-444455556666")
                        .done("9ab2c4d1-aaaa-bbbb-cccc-ddddeeeeffff", T0.plusSeconds(6)))
                .turnOf("node-c")
                .withNode("node-c", n -> n.started(T0.plusSeconds(7)).draining("node-c-first-boot").in(NodeState.REJOINING))
                .waiting("node-c to come back on a new boot with its healthcmd passing");

        assertThat(StatusText.details(status)).isEqualTo("""
                **cluster prod: RUNNING** · 1 of 3 nodes rebooted · master: node-b

                now: **node-c**, REJOINING, its turn began at 01:13:01 UTC

                waiting for: node-c to come back on a new boot with its healthcmd passing

                nodes, in reboot order:

                - node-a: DONE in 6s, boot 0f6d3a9e… → 9ab2c4d1…
                - node-c: REJOINING since 01:13:01 UTC, boot node-c-first-boot → ?
                - node-b: PENDING (master, last)""");
    }

    @Test
    void givenABatchInFlight_theDetailsNameEachOfItsNodesAndItsState() {
        RebootStatus status = RebootStatus.start("prod", "root@a", List.of("a-1", "b-1", "c-1"),
                        List.of("a", "b", "c"), null, T0)
                .turnOf("a-1, b-1")
                .withNode("a-1", n -> n.started(T0).draining("boot-a").in(NodeState.REJOINING))
                .withNode("b-1", n -> n.started(T0));

        assertThat(StatusText.details(status)).contains("now: the batch of **a-1** REJOINING, **b-1** DRAINING");
    }

    @Test
    void givenStalledRun_theDetailsSayWhy() {
        RebootStatus status = RebootStatus.start("prod", "root@a", List.of("node-a", "node-b"), null, T0)
                .turnOf("node-a").withNode("node-a", n -> n.started(T0).in(NodeState.REJOINING))
                .stalled("node-a is not back after 30m");

        assertThat(StatusText.details(status)).contains("**cluster prod: STALLED**", "why: node-a is not back after 30m",
                "waiting for: the operator: --cancel, --drop a node, or wait for it to come back");
    }
}
