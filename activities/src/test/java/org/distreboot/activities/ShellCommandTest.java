package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.distreboot.db.CommandOutputStore;
import org.junit.jupiter.api.Test;

class ShellCommandTest {
    @Test
    void aChattyCommand_keepsTheEndOfWhatItPrinted_asMuchAsTheStoreKeeps() {
        CommandResult result = new ShellCommand("draincmd", "head -c 10000 /dev/zero | tr '\\000' x; printf END")
                .run(Duration.ofSeconds(10), () -> { });

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).hasSize(CommandOutputStore.KEPT).endsWith("xxxEND");
    }
}
