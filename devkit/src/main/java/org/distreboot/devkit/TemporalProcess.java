package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Temporal service that is a process of ours, and its life cycle, one for the three launchers:
 * started, awaited until it listens (at most a minute), killed as kill -9 would, its children
 * too, and started again on the same ports. What differs is how each is launched and what it
 * must listen on.
 */
abstract class TemporalProcess implements TemporalService {
    private static final long LISTEN_NANOS = 60_000_000_000L;
    private static final int LOG_LINES = 20;

    private final String name;
    private final Path log;
    private Process process;

    /** {@code name}: what it is, as failures say it ("the Temporal test server"); {@code log}: where its output goes. */
    protected TemporalProcess(String name, Path log) {
        this.name = name;
        this.log = log;
    }

    /** Starts the process, its output appended to {@link #log()}; nothing awaited yet. */
    protected abstract Process launch() throws IOException;

    /** Whether it answers on all it must listen on. */
    protected abstract boolean listening();

    /** Where its output goes, named when it fails. */
    protected final Path log() {
        return log;
    }

    /** Launches it and waits until it listens; fails with the end of its log when it exits first. */
    protected final void launchAndAwait() throws IOException, InterruptedException {
        Optional<String> exited = launchOnce();
        if (exited.isPresent()) {
            throw exited(exited.get());
        }
    }

    /** The failure of a start that exited, with the end of its log ({@code tail}). */
    protected final IllegalStateException exited(String tail) {
        return new IllegalStateException(name + " exited; the end of its log (" + log() + "):" + tail);
    }

    /** Launches it and waits until it listens: empty, or the end of its log when it exited first. */
    protected final synchronized Optional<String> launchOnce() throws IOException, InterruptedException {
        process = launch();
        long deadline = System.nanoTime() + LISTEN_NANOS;
        while (!listening()) {
            if (!process.isAlive()) {
                return Optional.of(LogTail.of(log(), LOG_LINES));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException(name + " did not listen within 60 s; see " + log());
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** Ends it at once, its children with it, as kill -9 would; it can be started again. */
    @Override
    public final synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public final synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process, for checks of what it listens on. */
    public final synchronized ProcessHandle process() {
        return process.toHandle();
    }
}
