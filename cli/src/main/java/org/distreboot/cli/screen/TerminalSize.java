package org.distreboot.cli.screen;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The terminal's columns and rows, asked again at most once a second (a terminal resized during a
 * run is drawn to its new size within a second): of the terminal itself ({@code stty size} on
 * /dev/tty), else of COLUMNS and LINES, else 80 by 24.
 */
public record TerminalSize(int columns, int rows) {
    /** Below these a table is unreadable however it is cut: a smaller terminal is drawn as this. */
    private static final int FEWEST_COLUMNS = 20;
    private static final int FEWEST_ROWS = 4;
    public static final TerminalSize DEFAULT = new TerminalSize(80, 24);
    private static final long ASK_EVERY_NANOS = 1_000_000_000L;

    public TerminalSize {
        columns = Math.max(columns, FEWEST_COLUMNS);
        rows = Math.max(rows, FEWEST_ROWS);
    }

    /**
     * The size of the terminal this process writes to, asked again only once a second has gone by
     * since the last ask: the demo redraws four times a second, and each ask starts a process.
     */
    public static Supplier<TerminalSize> everySecond() {
        return new Supplier<>() {
            private TerminalSize size;
            private long askedAt;

            @Override
            public TerminalSize get() {
                if (size == null || System.nanoTime() - askedAt > ASK_EVERY_NANOS) {
                    size = ask();
                    askedAt = System.nanoTime();
                }
                return size;
            }
        };
    }

    /** The size of the terminal this process writes to, asked now. */
    public static TerminalSize ask() {
        TerminalSize asked = ofStty();
        return asked != null ? asked : ofEnvironment(System.getenv("COLUMNS"), System.getenv("LINES"));
    }

    static TerminalSize ofEnvironment(String columns, String lines) {
        try {
            return new TerminalSize(Integer.parseInt(columns.strip()), Integer.parseInt(lines.strip()));
        } catch (RuntimeException notSet) {
            return DEFAULT;
        }
    }

    /** "rows columns", as stty prints it; null when it cannot be read. */
    static TerminalSize parseStty(String said) {
        String[] fields = said.strip().split("\\s+");
        try {
            int rows = Integer.parseInt(fields[0]);
            int columns = Integer.parseInt(fields[1]);
            return rows > 0 && columns > 0 ? new TerminalSize(columns, rows) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static TerminalSize ofStty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String said = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!stty.waitFor(2, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            return stty.exitValue() == 0 ? parseStty(said) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
