package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void givenWhatOperatorsWrite_itReadsIt_compoundValuesIncluded() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 5s ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("2m30s250ms")).isEqualTo(Duration.ofMillis(150_250));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void givenNonsense_itRefuses() {
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Durations.parse("1h30")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void givenADuration_itIsWrittenAsUsersWriteIt_andReadsBackTheSame() {
        assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (String text : new String[] {"5s", "1h30m", "1s500ms", "1d", "2d3h4m5s6ms"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }
}
