package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed history must replay against the current workflow code. */
class ReplayTest {
    private static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

    static List<Path> histories() throws IOException {
        try (Stream<Path> files = Files.list(HISTORIES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void thereAreHistoriesToReplay() throws IOException {
        assertThat(histories()).hasSizeGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void givenRecordedHistory_whenReplayed_theCurrentCodeMakesTheSameDecisions(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(history.toFile(), DistributedRebootWorkflowImpl.class);
    }

    @Test
    void givenReorderedWorkflow_whenReplayed_itIsCaughtAsNonDeterministic() {
        Path history = HISTORIES.resolve("happy-path-five-nodes.json");

        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history.toFile(),
                ReorderedRebootWorkflowImpl.class))
                .hasMessageContaining(NonDeterministicException.class.getName())
                .hasMessageContaining("doesn't match event EVENT_TYPE_ACTIVITY_TASK_SCHEDULED")
                .hasMessageContaining("name: \"Reboot\"").hasMessageContaining("name: \"Drain\"");
    }
}
