package org.distreboot.devkit.campaign;

import java.util.List;
import java.util.Optional;

/** One fault of a campaign run, drawn from a seed; {@link #describe} is how the run's line shows it. */
sealed interface Fault {

    String describe(List<String> order);

    /** When it strikes during the run; empty for what is set before (a killed start, a clock off, a drop). */
    default Optional<Moment> moment() {
        return Optional.empty();
    }

    /** kill -9 of {@code victim}'s daemon; "init" starts it again after a second, as systemd would. */
    record KillDaemon(String victim, Moment at) implements Fault {
        public Optional<Moment> moment() {
            return Optional.of(at);
        }

        public String describe(List<String> order) {
            return "kill -9 " + victim + "'s daemon at " + at.describe(order);
        }
    }

    /** SIGSTOP of {@code victim}'s daemon for longer than the heartbeat TTL, then SIGCONT. */
    record StopDaemon(String victim, Moment at) implements Fault {
        public Optional<Moment> moment() {
            return Optional.of(at);
        }

        public String describe(List<String> order) {
            return "SIGSTOP " + victim + "'s daemon past the TTL at " + at.describe(order);
        }
    }

    /** PostgreSQL stopped (fast) or killed (-9), and started again after {@code outageMillis}. */
    record RestartPostgres(boolean kill, int outageMillis, Moment at) implements Fault {
        public Optional<Moment> moment() {
            return Optional.of(at);
        }

        public String describe(List<String> order) {
            return "PostgreSQL " + (kill ? "kill -9" : "restart") + " (" + outageMillis + "ms) at " + at.describe(order);
        }
    }

    /** The Temporal server killed (-9) and started again after {@code outageMillis}. */
    record KillTemporal(int outageMillis, Moment at) implements Fault {
        public Optional<Moment> moment() {
            return Optional.of(at);
        }

        public String describe(List<String> order) {
            return "Temporal server kill -9 (" + outageMillis + "ms) at " + at.describe(order);
        }
    }

    /** The command starting the run killed (-9) {@code afterMillis} after it was started. */
    record KilledStart(int afterMillis) implements Fault {
        public String describe(List<String> order) {
            return "the CLI killed " + afterMillis + "ms into --reboot";
        }
    }

    /** --cancel. */
    record Cancel(Moment at) implements Fault {
        public Optional<Moment> moment() {
            return Optional.of(at);
        }

        public String describe(List<String> order) {
            return "--cancel at " + at.describe(order);
        }
    }

    /** The {@code turn}-th node takes long to come back, and is dropped while it is down. */
    record DropDownNode(int turn) implements Fault {
        public String describe(List<String> order) {
            return "--drop " + order.get(turn) + " while it is down";
        }
    }

    /** {@code node}'s clock runs {@code hours} off for its daemon and its commands. */
    record ClockOff(String node, int hours) implements Fault {
        public String describe(List<String> order) {
            return node + "'s clock " + (hours > 0 ? "+" : "") + hours + "h";
        }
    }
}
