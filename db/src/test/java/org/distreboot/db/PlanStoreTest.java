package org.distreboot.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanStoreTest {
    private static TestDatabase db;
    private PlanStore plans;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
    }

    @BeforeEach
    void emptyTable() {
        db.execute("DELETE FROM reboot_plan");
        plans = PlanStore.on(Database.jdbi(db.dataSource));
    }

    @Test
    void aPlanFixedForARun_staysAsFirstFixed_whenTheCallIsRetried() {
        assertThat(plans.fix("prod", "run-1", List.of("node-b", "node-a"))).containsExactly("node-b", "node-a");

        assertThat(plans.fix("prod", "run-1", List.of("node-a", "node-b", "node-c"))).containsExactly("node-b", "node-a");
        assertThat(plans.nodes("prod", "run-1")).contains(List.of("node-b", "node-a"));
    }

    @Test
    void aNewRun_replacesThePlanOfTheClustersEarlierRun_andLeavesOtherClustersAlone() {
        plans.fix("prod", "run-1", List.of("node-a"));
        plans.fix("test", "run-9", List.of("node-x"));

        assertThat(plans.fix("prod", "run-2", List.of("node-a", "node-b"))).containsExactly("node-a", "node-b");

        assertThat(plans.nodes("prod", "run-1")).isEmpty();
        assertThat(plans.nodes("test", "run-9")).contains(List.of("node-x"));
    }

    @Test
    void tenThousandNodes_areFixedAndReadInOrder() {
        List<String> nodes = IntStream.range(0, 10_000).mapToObj(i -> String.format("node-%05d", i)).toList();

        plans.fix("fleet", "run-1", nodes);

        assertThat(plans.nodes("fleet", "run-1")).contains(nodes);
    }

    @Test
    void aBadName_isRefusedBeforeAnySqlRuns() {
        assertThatThrownBy(() -> plans.fix("prod", "run-1", List.of("node-a", "x'; drop table reboot_plan; --")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may hold only letters");
        assertThat(plans.nodes("prod", "run-1")).isEmpty();
    }
}
