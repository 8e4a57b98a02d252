package org.distreboot.devkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VM's serial console, as QEMU writes it to a file (journald forwards every journal line there):
 * read as it grows, each line with the time this host saw it. The image's own units say
 * {@code VM-READY boot_id=…} once the VM is up and {@code VM-DOWN boot_id=…} as it shuts down.
 */
final class VmConsole implements AutoCloseable {
    private static final Pattern MARK = Pattern.compile("(VM-READY|VM-DOWN) boot_id=([0-9a-f-]{36})");

    /** A line of the console and when this host read it. */
    record Line(Instant seen, String text) {
    }

    /** A VM-READY or VM-DOWN mark. */
    record Mark(Instant seen, boolean up, String bootId) {
    }

    private final String name;
    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    VmConsole(String name, Path file) {
        this.name = name;
        this.file = file;
        this.reader = new Thread(this::follow, "console-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    Path file() {
        return file;
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    List<Mark> marks() {
        List<Mark> marks = new ArrayList<>();
        for (Line line : lines()) {
            Matcher mark = MARK.matcher(line.text());
            if (mark.find()) {
                marks.add(new Mark(line.seen(), mark.group(1).equals("VM-READY"), mark.group(2)));
            }
        }
        return marks;
    }

    /** The boot ids this VM has said it is up with, in order. */
    List<String> boots() {
        return marks().stream().filter(Mark::up).map(Mark::bootId).toList();
    }

    /** Waits until the VM has come up {@code count} times in all. */
    void awaitBoots(int count, Duration patience) throws InterruptedException {
        await(c -> c.boots().size() >= count, patience, "to have booted " + count + " times");
    }

    /** Waits until the VM has begun to shut down (its first VM-DOWN mark). */
    void awaitShutdown(Duration patience) throws InterruptedException {
        await(c -> c.marks().stream().anyMatch(m -> !m.up()), patience, "to shut down");
    }

    /** Waits until a line holding {@code text} has been written, and gives the first. */
    Line awaitLine(String text, Duration patience) throws InterruptedException {
        await(c -> c.lines().stream().anyMatch(l -> l.text().contains(text)), patience, "to say '" + text + "'");
        return lines().stream().filter(l -> l.text().contains(text)).findFirst().orElseThrow();
    }

    private void await(Predicate<VmConsole> until, Duration patience, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!until.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not come " + what + " within " + patience.toSeconds()
                        + " s; its console's last lines:\n" + tail(20));
            }
            Thread.sleep(200);
        }
    }

    String tail(int count) {
        List<Line> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()).stream()
                .map(Line::text).toList());
    }

    private void follow() {
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        while (!closed) {
            try {
                if (Files.exists(file) && Files.size(file) > offset) {
                    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                        in.seek(offset);
                        byte[] bytes = new byte[(int) Math.min(in.length() - offset, 1 << 20)];
                        in.readFully(bytes);
                        offset += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                    }
                    Instant now = Instant.now();
                    int end;
                    while ((end = partial.indexOf("\n")) >= 0) {
                        String text = partial.substring(0, end).replace("\r", "");
                        partial.delete(0, end + 1);
                        synchronized (this) {
                            lines.add(new Line(now, text));
                        }
                    }
                }
                Thread.sleep(100);
            } catch (IOException e) {
                // the file is being made: read again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
