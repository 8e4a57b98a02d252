package org.distreboot.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.distreboot.client.config.ConfigException;
import org.distreboot.client.config.Settings;

/**
 * What a control host needs before it serves a node over ssh, looked at once as its daemon
 * starts: the ssh client, the key and the known-hosts file. Each missing one is one line saying
 * what to do, rather than the same ssh failure on every beat of every node.
 */
final class SshFiles {
    private SshFiles() {
    }

    static void require(Settings settings) {
        if (Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .noneMatch(dir -> Files.isExecutable(Path.of(dir, "ssh")))) {
            throw new ConfigException("ssh.nodes is set but there is no ssh on the PATH: install openssh-client");
        }
        String where = settings.source() == null ? "distreboot.properties" : settings.source().toString();
        Path key = settings.ssh().key();
        if (!Files.isReadable(key)) {
            throw new ConfigException("ssh.key " + key + " cannot be read (set in " + where + "): make one with "
                    + "ssh-keygen -t ed25519 -N '' -f " + key + ", and add " + key + ".pub to each node's authorized_keys");
        }
        Path knownHosts = settings.ssh().knownhosts();
        if (!Files.isReadable(knownHosts)) {
            throw new ConfigException("ssh.knownhosts " + knownHosts + " cannot be read (set in " + where
                    + "): put each node's host key in it, as ssh-keyscan prints it once checked");
        }
    }
}
