package org.distreboot.workflow.values;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When nodes may start their turn: on {@code days}, from {@code start} to {@code end}, local time
 * in {@code zone} (window.days, window.start, window.end, window.tz). A window whose end is not
 * after its start crosses midnight and belongs to the day it opens on (mon 22:00 to tue 05:00 is
 * Monday's); one whose start and end are equal lasts the whole day. Across a change of the
 * clocks it keeps local times: a start in the skipped hour opens when the clocks resume, an end
 * in the repeated hour closes at its first occurrence. Pure: the same instant, the same answer.
 *
 * @param days  mon-fri, sat,sun, mon-wed,fri ...: the days a window opens on
 * @param start HH:mm
 * @param end   HH:mm
 * @param zone  a time zone id, Europe/Paris, UTC
 */
public record RebootWindow(String days, String start, String end, String zone) {
    private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Checks every field; an IllegalArgumentException says what is wrong in one line. */
    public RebootWindow {
        openingDays(days);
        time("window.start", start);
        time("window.end", end);
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("window.tz: '" + zone + "' is not a time zone (examples: UTC,"
                    + " Europe/Paris, America/New_York)");
        }
    }

    /** Whether a node may start its turn at {@code now}. */
    public boolean open(Instant now) {
        LocalDate today = now.atZone(ZoneId.of(zone)).toLocalDate();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            if (opensOn(day) && !now.isBefore(opening(day)) && now.isBefore(closing(day))) {
                return true;
            }
        }
        return false;
    }

    /** The next opening after {@code now} (within eight days: every window opens once a week at least). */
    public Instant nextOpening(Instant now) {
        LocalDate day = now.atZone(ZoneId.of(zone)).toLocalDate();
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (opensOn(day) && opening(day).isAfter(now)) {
                return opening(day);
            }
        }
        throw new IllegalStateException("window " + this + " never opens");
    }

    /** mon-fri 22:00-05:00 Europe/Paris */
    public String describe() {
        return days + " " + start + "-" + end + " " + zone;
    }

    private boolean opensOn(LocalDate day) {
        return openingDays(days).contains(day.getDayOfWeek());
    }

    private Instant opening(LocalDate day) {
        return ZonedDateTime.of(day, time("window.start", start), ZoneId.of(zone)).toInstant();
    }

    private Instant closing(LocalDate day) {
        LocalTime from = time("window.start", start);
        LocalTime to = time("window.end", end);
        LocalDate closes = to.isAfter(from) ? day : day.plusDays(1);
        return ZonedDateTime.of(closes, to, ZoneId.of(zone)).toInstant();
    }

    private static LocalTime time(String key, String text) {
        try {
            if (!text.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:mm", text, 0);
            }
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a time of day (HH:mm, as 22:00)");
        }
    }

    private static Set<DayOfWeek> openingDays(String days) {
        Set<DayOfWeek> open = EnumSet.noneOf(DayOfWeek.class);
        for (String part : days.toLowerCase().split(",")) {
            String[] range = part.strip().split("-");
            int from = NAMES.indexOf(range[0].strip());
            int to = range.length == 2 ? NAMES.indexOf(range[1].strip()) : from;
            if (range.length > 2 || from < 0 || to < 0) {
                throw new IllegalArgumentException("window.days: '" + days + "' is not a list of days (examples:"
                        + " mon-fri, sat,sun, mon-wed,fri)");
            }
            for (int d = from; ; d = (d + 1) % 7) {
                open.add(DayOfWeek.of(d + 1));
                if (d == to) {
                    break;
                }
            }
        }
        return open;
    }
}
