package org.distreboot.devkit.campaign;

import java.util.List;

/**
 * When a fault strikes: a phase of the turn of the run's {@code turn}-th node (0 is the first
 * rebooted), then {@code delayMillis} more.
 */
record Moment(int turn, Phase phase, int delayMillis) {

    enum Phase {
        /** The node's turn began; its boot id is not recorded yet. */
        BEFORE_BOOT_ID("as its turn begins"),
        /** Its boot id is in history, its draincmd just started. */
        AFTER_BOOT_ID("just after its boot id is recorded"),
        /** Its draincmd runs. */
        DRAIN("during its draincmd"),
        /** Its rebootcmd ran: the host goes down, or is down. */
        MID_REBOOT("mid-reboot"),
        /** Its new daemon is up, the run waits for it to rejoin. */
        REJOIN("while it rejoins");

        final String words;

        Phase(String words) {
            this.words = words;
        }
    }

    String describe(List<String> order) {
        return order.get(turn) + " " + phase.words + (delayMillis > 0 ? " +" + delayMillis + "ms" : "");
    }
}
