package org.distreboot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The command's and the daemon's logging, set in code (found by logback as a service): one line
 * per event on stderr (a message's first line, an exception said in a few words, never a stack
 * trace), since stdout is for what the command prints. Reading an XML file instead
 * would cost every `distreboot` a tenth of a second.
 */
public final class Logging extends ContextAwareBase implements Configurator {
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{0} - %event%fields%n";
    /**
     * Under systemd, whose journal stamps each line itself: the level as a syslog priority first
     * ("<4>" for WARN), so that journalctl -p warning filters it.
     */
    private static final String JOURNAL_PATTERN = "<%priority>%-5level %logger{0} - %event%fields%n";

    /**
     * What the Temporal SDK logs of conditions distreboot expects and reports itself: a rejoin
     * attempt that fails until the node is back, a refused run, a server without worker heartbeats,
     * a poll that failed because Temporal is unreachable (the daemon says so once, in one line);
     * and what the connection pool says of a PostgreSQL restart or a clock that jumped (it
     * reconnects by itself; a heartbeat that could not be posted is said by the daemon).
     */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.ERROR,
            "io.temporal.internal.activity", Level.ERROR,
            "io.temporal.internal.worker.BasePoller", Level.ERROR,
            "io.temporal.internal.worker.HeartbeatManager", Level.ERROR,
            "io.temporal.internal.sync.WorkflowExecutionHandler", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Stderr stderr = new Stderr();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(Level.WARN);
        context.getLogger("org.distreboot").setLevel(Level.INFO);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * stderr, its pattern compiled at the first event: most commands log nothing, and compiling it
     * costs each of them a few tens of milliseconds.
     */
    private static final class Stderr extends AppenderBase<ILoggingEvent> {
        private ConsoleAppender<ILoggingEvent> console;

        @Override
        protected void append(ILoggingEvent event) {
            if (console == null) {
                console = new ConsoleAppender<>();
                console.setContext(getContext());
                console.setName("stderr");
                console.setTarget("System.err");
                console.setEncoder(encoder((LoggerContext) getContext(), System.getenv("JOURNAL_STREAM") != null));
                console.start();
            }
            console.doAppend(event);
        }

        @Override
        public void stop() {
            if (console != null) {
                console.stop();
            }
            super.stop();
        }
    }

    /** One line per event; {@code journal}: for systemd's journal (stderr is a journal stream). */
    static PatternLayoutEncoder encoder(LoggerContext context, boolean journal) {
        Map<String, String> rules = new HashMap<>();
        rules.put("fields", LogFields.class.getName());
        rules.put("priority", LogFields.SyslogPriority.class.getName());
        rules.put("event", LogFields.OneLine.class.getName());
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(journal ? JOURNAL_PATTERN : PATTERN);
        encoder.start();
        return encoder;
    }

    /** From now on every line says which cluster and node it is about. */
    static void identify(String cluster, String node) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.putProperty("cluster", cluster);
        context.putProperty("node", node);
    }

    /** --verbose: distreboot's debug lines, and all the libraries say from INFO up. */
    static void verbose() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("org.distreboot").setLevel(Level.DEBUG);
        QUIET.keySet().forEach(name -> context.getLogger(name).setLevel(null));
    }
}
