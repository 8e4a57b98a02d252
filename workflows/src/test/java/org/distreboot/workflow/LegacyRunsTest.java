package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The rule docs/legacy.md gives for telling a run begun before "compact-history" (whose code is
 * in the legacy package) from one begun after: the marker's payload, as `temporal workflow show
 * --output json` prints it, is in every run of the compact body and in no other.
 */
class LegacyRunsTest {
    private static final Path DOC = Path.of("..", "docs", "legacy.md");

    @Test
    void theMarkerTheDocGrepsFor_isInEveryCompactHistory_andInNoLegacyOne() throws Exception {
        String marker = Base64.getEncoder().encodeToString("\"compact-history\"".getBytes(StandardCharsets.UTF_8));
        String grepped = marker.substring(0, marker.indexOf('=') < 0 ? marker.length() : marker.indexOf('='));

        assertThat(Files.readString(DOC)).contains("grep -c " + grepped + "\n");
        int compact = 0;
        int legacy = 0;
        for (Path history : ReplayTest.histories()) {
            boolean marked = Files.readString(history).contains(grepped);
            if (history.getFileName().toString().startsWith("compact-")) {
                assertThat(marked).as(history + " has the marker").isTrue();
                compact++;
            } else {
                assertThat(marked).as(history + " has no marker").isFalse();
                legacy++;
            }
        }
        assertThat(compact).isGreaterThan(40);
        assertThat(legacy).isGreaterThan(10);
    }
}
