package org.distreboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A log line: one per event, its level, and the stable key=value fields at its end; for the journal, a priority first. */
class LoggingTest {
    private static String line(boolean journal, Level level, Map<String, String> call, String... process) {
        LoggerContext context = new LoggerContext();
        for (int i = 0; i < process.length; i += 2) {
            context.putProperty(process[i], process[i + 1]);
        }
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.distreboot.worker.Daemon"), level,
                "rebooting node-b (boot 1f2e)", null, null);
        event.setMDCPropertyMap(call);
        return Logging.encoder(context, journal).getLayout().doLayout(event);
    }

    @Test
    void forTheJournal_aLineStartsWithItsSyslogPriority_andEndsWithItsFields() {
        assertThat(line(true, Level.WARN, Map.of("run", "distreboot-prod/8c1f0a2b", "step", "DrainAndReboot"),
                "cluster", "prod", "node", "node-b"))
                .isEqualTo("<4>WARN  Daemon - rebooting node-b (boot 1f2e) cluster=prod node=node-b"
                        + " run=distreboot-prod/8c1f0a2b step=DrainAndReboot\n");
        assertThat(line(true, Level.ERROR, Map.of())).startsWith("<3>ERROR ");
        assertThat(line(true, Level.INFO, Map.of())).startsWith("<6>INFO  ");
        assertThat(line(true, Level.DEBUG, Map.of())).startsWith("<7>DEBUG ");
    }

    @Test
    void elsewhere_aLineHasItsTime_andOnlyTheFieldsKnown() {
        assertThat(line(false, Level.INFO, Map.of(), "cluster", "prod", "node", "node-b"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d(:?\\d\\d)?) INFO  Daemon - rebooting node-b \\(boot 1f2e\\)"
                        + " cluster=prod node=node-b\n");
        assertThat(line(false, Level.INFO, Map.of())).endsWith("Daemon - rebooting node-b (boot 1f2e)\n");
    }

    @Test
    void givenAMessageOfSeveralLinesAndAnExceptionWithACause_theEventIsStillOneLine_noStackTrace() {
        LoggerContext context = new LoggerContext();
        context.putProperty("node", "node-a");
        Exception cause = new IllegalStateException("deadlock detected\n\tthread dump follows");
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.temporal.internal.worker.ActivityWorker"),
                Level.WARN, "Failure during reporting of activity result to the server.\nActivityId = 5182",
                new RuntimeException("NOT_FOUND: invalid activityID\nmore", cause), null);
        event.setMDCPropertyMap(Map.of());

        assertThat(Logging.encoder(context, true).getLayout().doLayout(event))
                .isEqualTo("<4>WARN  ActivityWorker - Failure during reporting of activity result to the server."
                        + " (RuntimeException: NOT_FOUND: invalid activityID; caused by IllegalStateException: deadlock"
                        + " detected) node=node-a\n");
    }
}
