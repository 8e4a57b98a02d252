package org.distreboot.client;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.distreboot.client.config.ConfigException;

/**
 * The daemon's run directory: a lock (one daemon per rundir), its pid file and its status
 * file. The lock is an fcntl lock, so it goes with the process, even on kill -9. Nothing here
 * follows a symbolic link someone planted: the directory must be a real one that only this
 * user owns and may write, files are created exclusively and renamed into place.
 */
public final class RunDir implements AutoCloseable {
    public static final String LOCK = "distreboot.lock";
    public static final String PID = "distreboot.pid";
    public static final String STATUS = "status.json";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunDir(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and writes the pid file, or says which daemon already runs here. */
    public static RunDir claim(Path dir) {
        try {
            prepare(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new AlreadyRunningException("already running (pid "
                        + readPid(dir).map(String::valueOf).orElse("unknown") + ", rundir " + dir + ")");
            }
            RunDir runDir = new RunDir(dir, channel, lock);
            runDir.replace(PID, ProcessHandle.current().pid() + "\n");
            return runDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use rundir " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code dir} (rwxr-xr-x) or checks that the one there is a directory of this user's that no one else may write. */
    private static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (FileAlreadyExistsException raced) {
                // checked below like any other
            }
        }
        String fault = null;
        if (Files.isSymbolicLink(dir)) {
            fault = "is a symbolic link; remove it (distreboot makes its rundir itself)";
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            fault = "is not a directory";
        } else if ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != new UnixSystem().getUid()) {
            fault = "belongs to another user (uid " + Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                    + "); remove it or choose another rundir";
        } else if (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0022) != 0) {
            fault = "is writable by group or others: chmod go-w " + dir;
        }
        if (fault != null) {
            throw new ConfigException("refusing rundir " + dir + ": it " + fault);
        }
    }

    /**
     * The pid of the daemon that holds {@code dir}'s lock, if one does. Never call it from that daemon:
     * closing the probe would release the daemon's own lock (fcntl locks belong to the process).
     */
    public static Optional<Long> runningPid(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return readPid(dir);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> readStatus(Path dir) {
        try {
            return Optional.of(Files.readString(dir.resolve(STATUS)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the status file whole or not at all, so a reader never sees half of it. */
    public void writeStatus(String json) {
        replace(STATUS, json);
    }

    private void replace(String name, String content) {
        try {
            Path temporary = dir.resolve(name + ".tmp");
            Files.deleteIfExists(temporary);
            Files.write(temporary, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Long> readPid(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(PID)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve(PID));
            Files.deleteIfExists(dir.resolve(STATUS));
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
