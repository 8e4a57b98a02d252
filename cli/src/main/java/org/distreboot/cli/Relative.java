package org.distreboot.cli;

import java.time.Duration;
import java.time.Instant;

/** "in 14s", "3m 2s ago": a time relative to the database's now. */
final class Relative {
    private Relative() {
    }

    static String to(Instant when, Instant now) {
        Duration gap = Duration.between(now, when);
        String amount = amount(gap.abs());
        return gap.isNegative() ? amount + " ago" : "in " + amount;
    }

    static String amount(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }
}
