package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A command's failure is one short, printable line, whatever the command printed. */
class CommandResultTest {

    @Test
    void theLastLineIsTheReason() {
        assertThat(new CommandResult(3, "starting\ndisk busy\n", false, Duration.ZERO).describe())
                .isEqualTo("exited 3: disk busy");
    }

    @Test
    void aVeryLongLastLineKeepsItsEnd() {
        String output = "a".repeat(5000) + "the end";

        assertThat(new CommandResult(1, output, false, Duration.ZERO).describe())
                .hasSize("exited 1: ...".length() + 160).endsWith("aaathe end").startsWith("exited 1: ...aaa");
    }

    @Test
    void controlCharactersAreShownAsQuestionMarks() {
        assertThat(new CommandResult(2, "bad\u0000\u001b[31mred\tline", false, Duration.ZERO).describe())
                .isEqualTo("exited 2: bad??[31mred?line");
    }
}
