package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.distreboot.workflow.values.RebootWindow;
import org.junit.jupiter.api.Test;

/** Reboot windows as pure decisions: days, a window across midnight, a time zone, a change of the clocks. */
class RebootWindowTest {
    private static final RebootWindow NIGHTS = new RebootWindow("mon-fri", "22:00", "05:00", "Europe/Paris");

    @Test
    void aWindowAcrossMidnight_belongsToTheDayItOpensOn() {
        // 2026-12-07 is a Monday; Paris is UTC+1 in December
        assertThat(NIGHTS.open(Instant.parse("2026-12-07T20:59:59Z"))).as("mon 21:59 Paris").isFalse();
        assertThat(NIGHTS.open(Instant.parse("2026-12-07T21:00:00Z"))).as("mon 22:00").isTrue();
        assertThat(NIGHTS.open(Instant.parse("2026-12-08T03:59:59Z"))).as("tue 04:59, Monday's window").isTrue();
        assertThat(NIGHTS.open(Instant.parse("2026-12-08T04:00:00Z"))).as("tue 05:00").isFalse();
        assertThat(NIGHTS.open(Instant.parse("2026-12-12T01:00:00Z"))).as("sat 02:00, Friday's").isTrue();
        assertThat(NIGHTS.open(Instant.parse("2026-12-13T01:00:00Z"))).as("sun 02:00: no Saturday window").isFalse();
        assertThat(NIGHTS.nextOpening(Instant.parse("2026-12-12T12:00:00Z"))).as("from Saturday noon: Monday")
                .isEqualTo(Instant.parse("2026-12-14T21:00:00Z"));
    }

    @Test
    void aWindowKeepsLocalTimesAcrossAChangeOfTheClocks() {
        RebootWindow early = new RebootWindow("sun", "01:30", "04:00", "Europe/Paris");
        // 2027-03-28: Paris goes from 02:00 CET to 03:00 CEST; 2027-10-31: from 03:00 CEST back to 02:00 CET
        assertThat(early.nextOpening(Instant.parse("2027-03-27T12:00:00Z"))).isEqualTo(Instant.parse("2027-03-28T00:30:00Z"));
        assertThat(early.open(Instant.parse("2027-03-28T01:59:00Z"))).as("03:59 CEST").isTrue();
        assertThat(early.open(Instant.parse("2027-03-28T02:00:00Z"))).as("04:00 CEST: closed, after 1.5 h").isFalse();
        assertThat(early.open(Instant.parse("2027-10-31T02:59:00Z"))).as("03:59 CET, after the hour repeated")
                .isTrue();
        assertThat(early.open(Instant.parse("2027-10-31T03:00:00Z"))).as("04:00 CET").isFalse();
        RebootWindow skipped = new RebootWindow("sun", "02:30", "04:00", "Europe/Paris");
        assertThat(skipped.nextOpening(Instant.parse("2027-03-27T12:00:00Z"))).as("02:30 does not exist: 03:30 CEST")
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    }

    @Test
    void aWindowWithEqualEnds_isOpenAllDay_andBadFieldsAreOneLineEach() {
        RebootWindow weekends = new RebootWindow("sat,sun", "00:00", "00:00", "UTC");

        assertThat(weekends.open(Instant.parse("2026-12-12T23:59:00Z"))).isTrue();
        assertThat(weekends.open(Instant.parse("2026-12-14T00:00:00Z"))).isFalse();
        assertThat(new RebootWindow("fri-mon", "10:00", "11:00", "UTC").open(Instant.parse("2026-12-13T10:30:00Z")))
                .as("a range across the week's end").isTrue();
        assertThatThrownBy(() -> new RebootWindow("weekdays", "22:00", "05:00", "UTC")).hasMessage(
                "window.days: 'weekdays' is not a list of days (examples: mon-fri, sat,sun, mon-wed,fri)");
        assertThatThrownBy(() -> new RebootWindow("mon", "10pm", "05:00", "UTC"))
                .hasMessage("window.start: '10pm' is not a time of day (HH:mm, as 22:00)");
        assertThatThrownBy(() -> new RebootWindow("mon", "22:00", "05:00", "Paris")).hasMessageStartingWith(
                "window.tz: 'Paris' is not a time zone");
    }
}
