package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made by a test with openssl, in a directory of the test's: its
 * certificates (P-256, PEM, keys in PKCS#8 and readable by their owner only) name their hosts by
 * IP and DNS subject alternative names and serve as server and client certificates alike.
 */
final class TestCa {
    private final Path dir;
    private final String name;

    /** A certificate and its key. */
    record Issued(Path cert, Path key) {
    }

    private TestCa(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new CA under {@code dir}/{@code name}. */
    static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        SystemTools.require("openssl", "apt-get install openssl");
        TestCa ca = new TestCa(Files.createDirectories(dir.resolve(name)), name);
        ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=distreboot test CA " + name, "-keyout", ca.key().toString(), "-out", ca.cert().toString());
        return ca;
    }

    Path cert() {
        return dir.resolve("ca.pem");
    }

    private Path key() {
        return dir.resolve("ca.key");
    }

    /** A certificate valid for a day, for these names (IP addresses or DNS names). */
    Issued issue(String file, String... names) throws IOException, InterruptedException {
        return issue(file, 1, names);
    }

    /** A certificate that expired yesterday. */
    Issued issueExpired(String file, String... names) throws IOException, InterruptedException {
        return issue(file, -1, names);
    }

    private Issued issue(String file, int days, String... names) throws IOException, InterruptedException {
        Path key = dir.resolve(file + ".key");
        Path request = dir.resolve(file + ".csr");
        Path cert = dir.resolve(file + ".pem");
        Path extensions = dir.resolve(file + ".ext");
        List<String> alternatives = new ArrayList<>();
        for (String host : names) {
            alternatives.add((host.matches("[0-9.]+") ? "IP:" : "DNS:") + host);
        }
        Files.writeString(extensions, "subjectAltName=" + String.join(",", alternatives)
                + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=" + names[0],
                "-keyout", key.toString(), "-out", request.toString());
        openssl("x509", "-req", "-in", request.toString(), "-CA", cert().toString(), "-CAkey", key().toString(),
                "-CAcreateserial", "-days", Integer.toString(days), "-extfile", extensions.toString(),
                "-out", cert.toString());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new Issued(cert, key);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed for CA " + name + ": "
                    + Files.readString(log));
        }
    }
}
