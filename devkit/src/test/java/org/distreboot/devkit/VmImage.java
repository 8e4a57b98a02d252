package org.distreboot.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The virtual hosts' system: a kernel, its initrd, and a raw disk holding Debian bookworm with the
 * JRE, etcd and distreboot's package installed (its unit enabled). Built from its inputs once and
 * kept under {@link #CACHE}: the base system keyed by the hash of its build script, the disk by
 * that and the package's. Each VM runs on a copy-on-write overlay of the disk.
 */
record VmImage(Path kernel, Path initrd, Path disk) {
    static final Path CACHE = Path.of("/var/cache/distreboot-vm");
    static final String INSTALL = "apt-get install qemu-system-x86 qemu-utils debootstrap";
    private static final Pattern DEBIAN_MIRROR = Pattern.compile("(?m)^URIs:\\s*(\\S+/debian)\\s*$");

    /** The image with {@code deb} installed, built if it is not kept yet. */
    static VmImage with(Path deb) throws Exception {
        for (String program : List.of("qemu-system-x86_64", "qemu-img", "debootstrap", "mkfs.ext4")) {
            SystemTools.require(program, INSTALL);
        }
        Files.createDirectories(CACHE);
        try (FileChannel lock = FileChannel.open(CACHE.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock(); // held until the channel closes
            Path buildBase = script("build-base");
            Path buildDisk = script("build-disk");
            String baseKey = hash(Files.readAllBytes(buildBase)).substring(0, 16);
            Path base = CACHE.resolve("base-" + baseKey);
            if (!Files.exists(base.resolve("done"))) {
                removeOld("base-");
                Files.createDirectories(base);
                System.out.println("virtual hosts: building the base system in " + base + " (about a minute)");
                run(List.of(buildBase.toString(), base.toString(), mirror()));
                Files.writeString(base.resolve("done"), "");
            }
            String diskKey = hash((baseKey + hash(Files.readAllBytes(deb)) + hash(Files.readAllBytes(buildDisk)))
                    .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
            Path disk = CACHE.resolve("disk-" + diskKey + ".img");
            if (!Files.exists(disk)) {
                removeOld("disk-");
                System.out.println("virtual hosts: installing " + deb.getFileName() + " into " + disk);
                run(List.of(buildDisk.toString(), base.toString(), deb.toString(), disk.toString()));
            }
            return new VmImage(base.resolve("vmlinuz"), base.resolve("initrd.img"), disk);
        }
    }

    /** The Debian mirror the machine's apt uses (the only archive reached from here), else Debian's own. */
    private static String mirror() throws IOException {
        Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
        if (Files.isRegularFile(sources)) {
            Matcher uri = DEBIAN_MIRROR.matcher(Files.readString(sources));
            if (uri.find()) {
                return uri.group(1);
            }
        }
        return "http://deb.debian.org/debian";
    }

    /** A script of the kit, copied out of the test resources to run. */
    private static Path script(String name) throws IOException {
        Path file = CACHE.resolve("scripts").resolve(name);
        Files.createDirectories(file.getParent());
        try (InputStream in = VmImage.class.getResourceAsStream("/vm/" + name)) {
            if (in == null) {
                throw new IOException("no /vm/" + name + " in the test resources");
            }
            Files.write(file, in.readAllBytes());
        }
        file.toFile().setExecutable(true);
        return file;
    }

    private static void removeOld(String prefix) throws IOException, InterruptedException {
        try (Stream<Path> kept = Files.list(CACHE)) {
            for (Path old : kept.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                run(List.of("rm", "-rf", old.toString()));
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        if (!output.isEmpty()) {
            System.out.println(output);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
