package org.distreboot.cli.screen;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * Prose for a terminal: each line written is folded at the terminal's width, at spaces where it
 * can (see {@link Screenful#fold}), so that nothing wraps mid-word. A line not yet ended is written
 * as it is when flushed (a prompt).
 */
public final class FoldingWriter extends Writer {
    private final Writer out;
    private final Supplier<TerminalSize> terminal;
    private final StringBuilder line = new StringBuilder();

    public FoldingWriter(Writer out) {
        this(out, TerminalSize.everySecond());
    }

    FoldingWriter(Writer out, Supplier<TerminalSize> terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] == '\n') {
                for (String row : Screenful.fold(line.toString(), terminal.get().columns())) {
                    out.write(row);
                    out.write('\n');
                }
                line.setLength(0);
            } else {
                line.append(chars[i]);
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!line.isEmpty()) {
            out.write(line.toString());
            line.setLength(0);
        }
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }
}
