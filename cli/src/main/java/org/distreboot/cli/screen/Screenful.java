package org.distreboot.cli.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One screen of a live view, fitted to a terminal: the lines above the table (the headline, what
 * the run waits for) and below it (the progress) folded at the width; the table's header and rows
 * cut to it; and, when the terminal is not tall enough, the rows of the nodes in flight kept
 * first and a line that says how many are not shown. Never more rows than the terminal has less
 * one (the cursor's), so that nothing scrolls and a redraw lands on what it replaces. Pure.
 *
 * @param above  the lines above the table
 * @param header the table's header
 * @param rows   the table's rows, in their order
 * @param below  the lines below the table
 */
public record Screenful(List<String> above, String header, List<Row> rows, List<String> below) {
    private static final int BAR = 30;

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
        List<String> lines = new ArrayList<>(top);
        lines.add(cut(header, width));
        lines.addAll(rowsThatFit(room - top.size() - 1 - bottom.size(), width));
        lines.addAll(bottom);
        // A terminal too short even for the headline and the progress: its first rows.
        return lines.size() <= room ? lines : List.copyOf(lines.subList(0, room));
    }

    private List<String> rowsThatFit(int room, int width) {
        if (room <= 0) {
            return List.of();
        }
        if (rows.size() <= room) {
            return rows.stream().map(row -> cut(row.line(), width)).toList();
        }
        // Those in flight first, then the others, as many as fit beside the line that counts the rest.
        List<Row> kept = Stream.concat(rows.stream().filter(Row::inFlight), rows.stream().filter(row -> !row.inFlight()))
                .limit(room - 1).toList();
        List<String> shown = new ArrayList<>(rows.stream().filter(kept::contains).map(row -> cut(row.line(), width)).toList());
        int hidden = rows.size() - kept.size();
        shown.add(cut("… " + hidden + (hidden == 1 ? " more node" : " more nodes")
                + " not shown: the terminal is too short for them", width));
        return shown;
    }

    /** A progress bar of {@code done} out of {@code total} (full when there is nothing to do), and the count. */
    public static String bar(int done, int total) {
        int filled = total == 0 ? BAR : BAR * done / total;
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done + "/" + total + " rebooted";
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
