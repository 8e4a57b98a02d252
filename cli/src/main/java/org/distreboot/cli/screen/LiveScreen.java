package org.distreboot.cli.screen;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A screen drawn over itself on a terminal, as watch and top draw theirs: each redraw fits the
 * screen to the terminal's size (asked at most once a second), moves the cursor up by the rows the last one took
 * (each line fits one row, so rows and lines are the same count) and draws over them. When the
 * terminal's size changed, the old rows may have been rewrapped: the screen is cleared and drawn
 * from its top.
 */
public final class LiveScreen {
    private final PrintWriter out;
    private final Supplier<TerminalSize> terminal;
    private TerminalSize size;
    private int rowsDrawn;

    public LiveScreen(PrintWriter out) {
        this(out, TerminalSize.everySecond());
    }

    public LiveScreen(PrintWriter out, Supplier<TerminalSize> terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void draw(Screenful screen) {
        TerminalSize now = terminal.get();
        List<String> lines = screen.fit(now);
        StringBuilder drawn = new StringBuilder();
        if (size != null && !size.equals(now)) {
            drawn.append("\033[H\033[2J");
        } else if (rowsDrawn > 0) {
            drawn.append("\033[").append(rowsDrawn).append('A');
        }
        lines.forEach(line -> drawn.append('\r').append("\033[2K").append(line).append('\n'));
        // A shorter screen than the last leaves no old row below it.
        drawn.append("\033[J");
        out.print(drawn);
        out.flush();
        size = now;
        rowsDrawn = lines.size();
    }
}
