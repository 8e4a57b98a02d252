package org.distreboot.devkit;

import java.util.List;

/** One run of the distreboot command: exit code, stdout, stderr. */
public record CliResult(int exitCode, String out, String err) {

    public List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
