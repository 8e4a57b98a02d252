package org.distreboot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandOutputStoreTest {
    private static TestDatabase db;
    private CommandOutputStore outputs;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
    }

    @BeforeEach
    void emptyTable() {
        db.execute("DELETE FROM command_output");
        outputs = CommandOutputStore.on(Database.jdbi(db.dataSource));
    }

    @Test
    void aNodesRuns_areListedOldestFirst_theLastOnesWhenThereAreMore() {
        for (int i = 1; i <= 5; i++) {
            outputs.keep(run("node-a", "boot-1", "healthcmd", "check " + i));
        }
        outputs.keep(run("node-b", "boot-7", "draincmd", "other node"));

        assertThat(outputs.ofNode("prod", "node-a", Instant.EPOCH, 3)).extracting(CommandOutput::output)
                .containsExactly("check 3", "check 4", "check 5");
        assertThat(outputs.ofNode("prod", "node-a", Instant.now().plusSeconds(60), 10)).isEmpty();
        CommandOutput kept = outputs.ofNode("prod", "node-b", Instant.EPOCH, 10).get(0);
        assertThat(kept.ranAt()).isNotNull();
        assertThat(kept).usingRecursiveComparison().ignoringFields("ranAt")
                .isEqualTo(run("node-b", "boot-7", "draincmd", "other node"));
    }

    @Test
    void ofABoot_itIsTheLastRunOfEachCommand_ofThatWorkflow() {
        outputs.keep(run("node-a", "boot-1", "draincmd", "first try"));
        outputs.keep(run("node-a", "boot-1", "draincmd", "second try"));
        outputs.keep(run("node-a", "boot-1", "rebootcmd", "going down"));
        outputs.keep(run("node-a", "boot-2", "healthcmd", "after"));

        assertThat(outputs.ofBoots("prod", "node-a", "distreboot-prod", List.of("boot-1")))
                .extracting(r -> r.command() + ": " + r.output())
                .containsExactly("draincmd: second try", "rebootcmd: going down");
        assertThat(outputs.ofBoots("prod", "node-a", "another-workflow", List.of("boot-1"))).isEmpty();
    }

    @Test
    void aLongOutput_keepsItsEnd_andPurgeRemovesOnlyOldRuns() {
        String longOutput = "x".repeat(10_000) + "the end";
        outputs.keep(run("node-a", "boot-1", "draincmd", longOutput));
        db.execute("UPDATE command_output SET ran_at = now() - interval '40 days'");
        outputs.keep(run("node-a", "boot-1", "rebootcmd", "recent"));

        assertThat(outputs.ofNode("prod", "node-a", Instant.EPOCH, 10).get(0).output())
                .hasSize(CommandOutputStore.KEPT).endsWith("the end");
        assertThat(outputs.purge(Duration.ofDays(30))).isEqualTo(1);
        assertThat(outputs.ofNode("prod", "node-a", Instant.EPOCH, 10)).extracting(CommandOutput::output)
                .containsExactly("recent");
    }

    private static CommandOutput run(String node, String bootId, String command, String output) {
        return new CommandOutput("prod", node, "distreboot-prod", "run-1", "DrainAndReboot", bootId, command, 0, false,
                Duration.ofMillis(120), output, null);
    }
}
