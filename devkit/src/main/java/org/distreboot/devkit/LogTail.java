package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a log, for a failure's message: what a test saw last when it gave up. */
final class LogTail {
    private LogTail() {
    }

    /** The last {@code lines} lines of {@code file}, each on a line of its own and indented. */
    static String of(Path file, int lines) throws IOException {
        if (!Files.exists(file)) {
            return " (no such file)";
        }
        List<String> all = Files.readAllLines(file);
        StringBuilder out = new StringBuilder();
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> out.append("\n  ").append(line));
        return out.toString();
    }
}
