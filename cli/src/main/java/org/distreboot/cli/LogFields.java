package org.distreboot.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.util.List;
import java.util.Map;

/**
 * The stable key=value fields at the end of each log line, for grep and journald: the cluster and
 * node the process serves (set once its properties are read), and, within a call the workflow
 * made, its run and step. A field not known is left out.
 */
public final class LogFields extends ClassicConverter {
    /** Set for the whole process: the logger context's properties. */
    static final List<String> PROCESS = List.of("cluster", "node");
    /** Set for one call: the event's MDC (the worker's interceptor puts them). */
    static final List<String> CALL = List.of("run", "step");

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder fields = new StringBuilder();
        Map<String, String> process = event.getLoggerContextVO().getPropertyMap();
        PROCESS.forEach(key -> append(fields, key, process.get(key)));
        Map<String, String> call = event.getMDCPropertyMap();
        CALL.forEach(key -> append(fields, key, call.get(key)));
        return fields.toString();
    }

    private static void append(StringBuilder fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.append(' ').append(key).append('=').append(value.indexOf(' ') < 0 ? value : '"' + value + '"');
        }
    }

    /**
     * The event in one line: its message's first line, and what its exception (and the root of
     * its causes) says, in one line too. Stack traces stay out of the journal: a line per event.
     */
    public static final class OneLine extends ThrowableHandlingConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String message = firstLine(event.getFormattedMessage());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown == null) {
                return message;
            }
            IThrowableProxy root = thrown;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return message + " (" + said(thrown) + (root == thrown ? "" : "; caused by " + said(root)) + ")";
        }

        private static String said(IThrowableProxy thrown) {
            String name = thrown.getClassName().substring(thrown.getClassName().lastIndexOf('.') + 1);
            return thrown.getMessage() == null ? name : name + ": " + firstLine(thrown.getMessage());
        }

        private static String firstLine(String text) {
            if (text == null) {
                return "";
            }
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip();
        }
    }

    /** The level as a syslog priority, which journald reads from a line's "<N>" prefix. */
    public static final class SyslogPriority extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return switch (event.getLevel().toInt()) {
                case ch.qos.logback.classic.Level.ERROR_INT -> "3";
                case ch.qos.logback.classic.Level.WARN_INT -> "4";
                case ch.qos.logback.classic.Level.INFO_INT -> "6";
                default -> "7";
            };
        }
    }
}
