package org.distreboot.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When require-root holds, what says what runs as root must be root's alone: the properties
 * file, the password file, every existing file a command names by absolute path (the program, or
 * a script it runs), and, for nodes served over ssh, the key and the known-hosts file, each with
 * every directory above it. A file is refused when another user owns it or group or others may
 * write it (a directory also when it has no sticky bit), as OpenSSH refuses a key; the password
 * file also when others may read it, the ssh key when anyone but root may.
 */
public final class RootOwned {
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int OTHERS_READ = 0004;
    private static final int GROUP_OR_OTHERS_READ = 0044;
    private static final int STICKY = 01000;

    private final int owner;

    /** @param owner the only user (besides root) a file may belong to: root (0), or a test's own user */
    public RootOwned(int owner) {
        this.owner = owner;
    }

    /** Throws the first fault, in one line saying what to do; does nothing when require-root is off. */
    public void check(Settings settings) {
        if (!settings.host().requireRoot()) {
            return;
        }
        if (settings.source() != null) {
            require(settings.source(), "the configuration (its commands run as root)", 0);
        }
        settings.db().passwordfile().ifPresent(file -> require(file, "db.passwordfile", OTHERS_READ));
        CommandProperties commands = settings.commands();
        for (Optional<String> command : List.of(Optional.of(commands.rebootcmd()), commands.draincmd(),
                commands.healthcmd(), commands.mastercmd(), commands.blockcmd(), commands.sentinelcmd(),
                settings.host().topologycmd())) {
            command.ifPresent(text -> namedFiles(text).forEach(file -> require(file, "a file a command runs as root names",
                    0)));
        }
        if (settings.ssh().overSsh()) {
            // A key others may read lets them in as root on every node; a host key others may add is a node they own.
            require(settings.ssh().key(), "ssh.key", GROUP_OR_OTHERS_READ);
            require(settings.ssh().knownhosts(), "ssh.knownhosts", 0);
        }
    }

    /** The existing regular files a shell command names by absolute path. */
    static List<Path> namedFiles(String command) {
        List<Path> files = new ArrayList<>();
        for (String word : command.split("[\\s;&|()<>'\"`=]+")) {
            if (word.startsWith("/") && Files.isRegularFile(Path.of(word))) {
                files.add(Path.of(word));
            }
        }
        return files;
    }

    /** {@code file} and the directories above it root's alone, and not readable by {@code readers} (0: anyone may read it). */
    private void require(Path file, String what, int readers) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return; // a missing file is reported where it is read
        }
        Optional<String> fault = fault(real, readers);
        for (Path dir = real.getParent(); fault.isEmpty() && dir != null; dir = dir.getParent()) {
            fault = fault(dir, 0).map(problem -> "its directory " + problem);
        }
        fault.ifPresent(problem -> {
            throw new ConfigException("refusing " + file + " (" + what + "): " + problem
                    + " (or set require-root=false only for trials)");
        });
    }

    private Optional<String> fault(Path path, int readers) {
        try {
            int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (uid != 0 && uid != owner) {
                return Optional.of(path + " is owned by uid " + uid + ", not root: chown root: " + path);
            }
            if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && !(directory && (mode & STICKY) != 0)) {
                return Optional.of(path + " is writable by " + writers(mode) + " (mode " + Integer.toOctalString(mode)
                        + "): chmod go-w " + path);
            }
            if ((mode & readers) != 0) {
                boolean group = (mode & readers & 0040) != 0;
                return Optional.of(path + " is readable by " + (group ? "its group" : "others") + " (mode "
                        + Integer.toOctalString(mode) + "): chmod " + (readers == OTHERS_READ ? "o" : "go") + "-r " + path);
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check " + path + ": " + e.getMessage());
        }
    }

    private static String writers(int mode) {
        return Stream.of((mode & 0020) != 0 ? "group" : null, (mode & 0002) != 0 ? "others" : null)
                .filter(w -> w != null).reduce((a, b) -> a + " and " + b).orElseThrow();
    }
}
