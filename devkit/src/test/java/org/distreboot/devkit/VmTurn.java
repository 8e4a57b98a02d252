package org.distreboot.devkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One machine's turn in a run, read from its console (each line as this host read it): where
 * the turn's time goes beyond the machine's own reboot. Figures, asserted on by no one.
 *
 * @param draining  the daemon logs "draining": the turn begins
 * @param rebootcmd the daemon logs "rebooting": draincmd is done, rebootcmd runs
 * @param down      VM-DOWN: systemd has stopped the machine's services, the daemon among them
 * @param up        VM-READY on the new boot: multi-user reached
 * @param daemonUp  the new daemon polls its node's queue
 * @param rejoined  the new daemon logs "rejoined" (its last such line): the turn ends
 */
record VmTurn(String node, Instant draining, Instant rebootcmd, Instant down, Instant up, Instant daemonUp,
              Instant rejoined) {

    static VmTurn of(String node, VmConsole console) {
        List<VmConsole.Line> lines = console.lines();
        String newBoot = console.boots().get(1);
        Instant draining = first(lines, "draining " + node).orElseThrow();
        Instant rebootcmd = first(lines, "rebooting " + node + " (boot ").orElseThrow();
        Instant down = console.marks().stream().filter(m -> !m.up()).findFirst().orElseThrow().seen();
        Instant up = console.marks().stream().filter(m -> m.up() && m.bootId().equals(newBoot)).findFirst()
                .orElseThrow().seen();
        Instant daemonUp = lines.stream().filter(l -> l.seen().isAfter(down) && l.text().contains("daemon up in "))
                .findFirst().orElseThrow().seen();
        Instant rejoined = lines.stream().filter(l -> l.text().contains(node + " rejoined on boot " + newBoot))
                .reduce((first, second) -> second).orElseThrow().seen();
        return new VmTurn(node, draining, rebootcmd, down, up, daemonUp, rejoined);
    }

    /** The machine's own reboot: from its services stopped to multi-user on the new boot. */
    Duration ownReboot() {
        return Duration.between(down, up);
    }

    /** One line: each phase of the turn in seconds, the machine's own reboot among them. */
    String line() {
        return String.format("%s: turn %.1f s = drain %.1f + rebootcmd -> services stopped %.1f + its own reboot"
                        + " (-> multi-user) %.1f + multi-user -> daemon up %.1f + daemon up -> rejoined %.1f;"
                        + " %.1f s beyond its own reboot", node, seconds(draining, rejoined),
                seconds(draining, rebootcmd), seconds(rebootcmd, down), seconds(down, up), seconds(up, daemonUp),
                seconds(daemonUp, rejoined), seconds(draining, rejoined) - seconds(down, up));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Optional<Instant> first(List<VmConsole.Line> lines, String text) {
        return lines.stream().filter(l -> l.text().contains(text)).findFirst().map(VmConsole.Line::seen);
    }
}
