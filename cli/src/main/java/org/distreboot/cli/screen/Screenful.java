package org.distreboot.cli.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * One screen of a live view, fitted to a terminal: the lines above the table (the headline, what
 * the run waits for) and below it (the progress) folded at the width; the table's header and rows
 * cut to it; and, when the terminal is not tall enough, the rows of the nodes in flight kept
 * first and a line that says how many are not shown. Never more rows than the terminal has less
 * one (the cursor's), so that nothing scrolls and a redraw lands on what it replaces. Pure.
 *
 * @param above  the lines above the table
 * @param header the table's header (may be null: no table)
 * @param rows   the table's rows, in their order
 * @param below  the lines below the table
 */
public record Screenful(List<String> above, String header, List<Row> rows, List<String> below) {
    /** A node's line, and whether it is in flight (shown first when not every row fits). */
    public record Row(String line, boolean inFlight) {
    }

    /** The lines to draw on a terminal of {@code size}: none longer than its width, fewer than its rows. */
    public List<String> fit(TerminalSize size) {
        int width = size.columns();
        int room = size.rows() - 1;
        List<String> top = new ArrayList<>();
        above.forEach(line -> top.addAll(fold(line, width)));
        List<String> bottom = new ArrayList<>();
        below.forEach(line -> bottom.addAll(fold(line, width)));
        int forRows = room - top.size() - bottom.size() - (header == null ? 0 : 1);
        List<String> lines = new ArrayList<>(top);
        if (header != null) {
            lines.add(cut(header, width));
        }
        lines.addAll(rowsThatFit(forRows, width));
        lines.addAll(bottom);
        // A terminal too short even for the headline and the progress: its first rows.
        return lines.size() <= room ? lines : List.copyOf(lines.subList(0, room));
    }

    private List<String> rowsThatFit(int room, int width) {
        List<String> shown = new ArrayList<>();
        if (room <= 0) {
            return shown;
        }
        if (rows.size() <= room) {
            rows.forEach(row -> shown.add(cut(row.line(), width)));
            return shown;
        }
        int slots = room - 1;
        boolean[] keep = new boolean[rows.size()];
        int kept = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < rows.size() && kept < slots; i++) {
                if (!keep[i] && (pass == 1 || rows.get(i).inFlight())) {
                    keep[i] = true;
                    kept++;
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (keep[i]) {
                shown.add(cut(rows.get(i).line(), width));
            }
        }
        int hidden = rows.size() - kept;
        shown.add(cut("… " + hidden + (hidden == 1 ? " more node" : " more nodes")
                + " not shown: the terminal is too short for them", width));
        return shown;
    }

    /** {@code line} cut to {@code width} characters, its end marked when cut. */
    static String cut(String line, int width) {
        if (line.codePointCount(0, line.length()) <= width) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, width - 1)) + "…";
    }

    /**
     * {@code line} folded into lines of at most {@code width} characters, at spaces where it can,
     * each next line indented as the first one is (plus two), so that it reads as its continuation.
     */
    static List<String> fold(String line, int width) {
        List<String> folded = new ArrayList<>();
        String indent = " ".repeat(Math.min(line.length() - line.stripLeading().length() + 2, width / 2));
        String rest = line;
        while (rest.codePointCount(0, rest.length()) > width) {
            int limit = rest.offsetByCodePoints(0, width);
            int space = rest.lastIndexOf(' ', limit);
            int end = space > indent.length() ? space : limit;
            folded.add(rest.substring(0, end).stripTrailing());
            rest = indent + rest.substring(end).stripLeading();
        }
        folded.add(rest);
        return folded;
    }
}
