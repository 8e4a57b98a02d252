package org.distreboot.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A control host's directory, for a daemon that serves nodes over ssh: its key (readable by it
 * alone), the known-hosts file it trusts, and its properties. Host keys for the nodes are made
 * here too, so that the known-hosts file is written before any node is up, as an operator writes
 * it from keys checked out of band.
 */
final class ControlHost {
    private final Path dir;

    private ControlHost(Path dir) {
        this.dir = dir;
    }

    /** The directory (private), with a new ed25519 key in it. */
    static ControlHost create(Path dir) throws Exception {
        SystemTools.require("ssh-keygen", "apt-get install openssh-client");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        keygen(dir.resolve("ssh_key"), "distreboot-control");
        return new ControlHost(dir);
    }

    Path dir() {
        return dir;
    }

    Path key() {
        return dir.resolve("ssh_key");
    }

    Path knownHosts() {
        return dir.resolve("ssh_known_hosts");
    }

    /** The control host's public key, as a node's authorized_keys takes it. */
    String publicKey() throws IOException {
        return Files.readString(dir.resolve("ssh_key.pub"));
    }

    /** A new ed25519 host key at {@code file} (and {@code file}.pub), named {@code name}; its public key, without the name. */
    static String hostKey(Path file, String name) throws Exception {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".pub"));
        keygen(file, name);
        return Files.readString(Path.of(file + ".pub")).strip().replaceFirst("\\s+\\S+$", "");
    }

    /** Trusts each address's host key, and no other. */
    void trust(Map<String, String> keyOfAddress) throws IOException {
        List<String> lines = new ArrayList<>();
        keyOfAddress.forEach((address, key) -> lines.add(address + " " + key));
        Files.write(knownHosts(), lines);
    }

    /**
     * Its properties: those of {@code from} (a node's: the cluster, its services), {@code unset}
     * taken out, then {@code set}, with the key and known-hosts file of this directory and its own
     * rundir.
     */
    void writeProperties(Path from, Set<String> unset, Map<String, String> set) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(from).stream()
                .filter(line -> !line.isBlank())
                .filter(line -> !unset.contains(line.split("=", 2)[0]) && !set.containsKey(line.split("=", 2)[0]))
                .filter(line -> !line.startsWith("rundir=") && !line.startsWith("ssh.key=")
                        && !line.startsWith("ssh.knownhosts="))
                .toList());
        set.forEach((key, value) -> lines.add(key + "=" + value));
        lines.add("ssh.key=" + key());
        lines.add("ssh.knownhosts=" + knownHosts());
        lines.add("rundir=" + dir.resolve("run"));
        Files.write(dir.resolve("distreboot.properties"), lines);
    }

    private static void keygen(Path file, String comment) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }
}
