package org.distreboot.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Virtual machines that really reboot, as a cluster's hosts: one QEMU per host on a copy-on-write
 * overlay of the {@link VmImage}, its serial console (where journald writes) captured to a file,
 * its address, name and machine id on its kernel command line, and its files (distreboot.properties
 * among them) on a seed disk written before it boots. The VMs' tap devices hang on a bridge inside
 * a network namespace made here, joined to this host by a veth pair whose host side carries the
 * services' address (PostgreSQL and Temporal listen there). Traffic goes only to addresses made
 * here. Everything (QEMUs, namespace, links, overlays, seeds) goes when closed, or when the test's
 * JVM ends first; the console files stay, for a failure's reader.
 */
final class VirtualHosts implements Hosts, AutoCloseable {
    private static final Duration BOOT_PATIENCE = Duration.ofMinutes(4);

    private final VmImage image;
    private final Path dir;
    private final int subnet;
    private final String accel;
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    /** Closes all if the test's JVM ends before the test does (killed, or Maven stopped). */
    private final Thread onExit = new Thread(this::close, "virtual-hosts-cleanup");
    private boolean closed;

    private record Vm(String name, int host, Path home, VmConsole console, Process[] qemu) {
        Path overlay() {
            return home.resolve("disk.qcow2");
        }
    }

    private VirtualHosts(VmImage image, Path dir, int subnet, String accel) {
        this.image = image;
        this.dir = dir;
        this.subnet = subnet;
        this.accel = accel;
    }

    /** The namespace, its bridge and a tap for each of {@code names}; no VM runs yet. */
    static VirtualHosts create(VmImage image, List<String> names) throws IOException, InterruptedException {
        SystemTools.require("ip", "apt-get install iproute2");
        int subnet = ThreadLocalRandom.current().nextInt(1, 250);
        VirtualHosts hosts = new VirtualHosts(image, Files.createTempDirectory("distreboot-vms-"), subnet, accel());
        Runtime.getRuntime().addShutdownHook(hosts.onExit);
        try {
            hosts.ip("netns", "add", hosts.namespace());
            hosts.ip("-n", hosts.namespace(), "link", "add", "br0", "type", "bridge");
            hosts.ip("-n", hosts.namespace(), "link", "set", "br0", "up");
            hosts.ip("link", "add", hosts.uplink(), "type", "veth", "peer", "name", "uplink", "netns", hosts.namespace());
            hosts.ip("addr", "add", hosts.servicesAddress() + "/24", "dev", hosts.uplink());
            hosts.ip("link", "set", hosts.uplink(), "up");
            hosts.ip("-n", hosts.namespace(), "link", "set", "uplink", "master", "br0");
            hosts.ip("-n", hosts.namespace(), "link", "set", "uplink", "up");
            for (String name : names) {
                int host = 11 + hosts.vms.size();
                Path home = Files.createDirectories(hosts.dir.resolve(name));
                hosts.vms.put(name, new Vm(name, host, home, new VmConsole(name, home.resolve("console.log")),
                        new Process[1]));
                hosts.ip("-n", hosts.namespace(), "tuntap", "add", "tap" + host, "mode", "tap");
                hosts.ip("-n", hosts.namespace(), "link", "set", "tap" + host, "master", "br0");
                hosts.ip("-n", hosts.namespace(), "link", "set", "tap" + host, "up");
            }
        } catch (IOException | RuntimeException e) {
            hosts.close();
            throw e;
        }
        System.out.println("virtual hosts: " + names + " on 10.78." + subnet + ".0/24, " + (hosts.accel.equals("kvm")
                ? "with KVM" : Files.exists(Path.of("/sys/module/kvm_pvm"))
                ? "in software emulation (TCG): /dev/kvm here is a paravirtual nested KVM (kvm_pvm), which cannot"
                        + " run a stock kernel" : "in software emulation (TCG): no usable /dev/kvm"));
        return hosts;
    }

    /**
     * KVM where a hardware KVM works; else software emulation. A paravirtual nested KVM (kvm_pvm)
     * cannot run a stock kernel, so it counts as none.
     */
    private static String accel() {
        if (Files.isReadable(Path.of("/dev/kvm")) && !Files.exists(Path.of("/sys/module/kvm_pvm"))) {
            return "kvm";
        }
        return "tcg";
    }

    @Override
    public String servicesAddress() {
        return "10.78." + subnet + ".1";
    }

    /** The command runs on this host, the control host: the nodes' daemons run in their VMs. */
    @Override
    public List<String> on(String node) {
        return List.of();
    }

    String address(String name) {
        return "10.78." + subnet + "." + vm(name).host();
    }

    VmConsole console(String name) {
        return vm(name).console();
    }

    /**
     * Writes {@code name}'s seed disk: each file (a path under /etc, as distreboot.properties) with
     * its text, root-owned and readable by root only; the VM copies them into /etc at every boot.
     */
    void seed(String name, Map<String, String> etcFiles) throws IOException, InterruptedException {
        Path seed = vm(name).home().resolve("seed");
        run(List.of("rm", "-rf", seed.toString()));
        for (Map.Entry<String, String> file : etcFiles.entrySet()) {
            Path path = seed.resolve("etc").resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        run(List.of("mkfs.ext4", "-q", "-F", "-d", seed.toString(), seed + ".img", "16M"));
    }

    /** Powers {@code name} on: its overlay is made at its first start and kept across power cuts. */
    void start(String name) throws IOException, InterruptedException {
        Vm vm = vm(name);
        if (!Files.exists(vm.overlay())) {
            run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", image.disk().toString(), "-F", "raw",
                    vm.overlay().toString()));
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(), "qemu-system-x86_64"));
        command.addAll(accel.equals("kvm") ? List.of("-accel", "kvm", "-cpu", "host")
                : List.of("-accel", "tcg,thread=multi,tb-size=128", "-cpu", "max"));
        command.addAll(List.of("-m", "768", "-smp", "1", "-nographic", "-nodefaults",
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString(),
                "-drive", "file=" + vm.overlay() + ",if=virtio,format=qcow2",
                "-drive", "file=" + vm.home().resolve("seed.img") + ",if=virtio,format=raw,readonly=on",
                "-netdev", "tap,id=n0,ifname=tap" + vm.host() + ",script=no,downscript=no",
                "-device", String.format("virtio-net-pci,netdev=n0,mac=52:54:00:78:%02x:%02x", subnet, vm.host()),
                "-chardev", "file,id=console,append=on,path=" + vm.console().file(),
                "-serial", "chardev:console",
                "-append", "root=/dev/vda rw console=ttyS0 quiet net.ifnames=0 ip=" + address(name) + "::"
                        + servicesAddress() + ":255.255.255.0:" + name + ":eth0:off systemd.machine_id="
                        + machineId(name)));
        vm.qemu()[0] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(vm.home().resolve("qemu.log").toFile()).start();
    }

    /** Powers every VM on and waits until each is up. */
    void startAll() throws Exception {
        for (String name : vms.keySet()) {
            start(name);
        }
        for (String name : vms.keySet()) {
            console(name).awaitBoots(1, BOOT_PATIENCE);
        }
    }

    /** A power cut: QEMU killed with SIGKILL, the guest given no chance to shut down. */
    void powerCut(String name) throws InterruptedException {
        Process qemu = vm(name).qemu()[0];
        if (qemu != null) {
            qemu.destroyForcibly();
            qemu.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Every QEMU killed, then the namespace (with its bridge and taps), the uplink and the overlays removed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != onExit) {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
        for (Vm vm : vms.values()) {
            try {
                powerCut(vm.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            vm.console().close();
        }
        quietly(List.of("ip", "netns", "delete", namespace()));
        quietly(List.of("ip", "link", "delete", uplink()));
        for (Vm vm : vms.values()) {
            quietly(List.of("rm", "-rf", vm.overlay().toString(), vm.home().resolve("seed").toString(),
                    vm.home().resolve("seed.img").toString()));
        }
    }

    private Vm vm(String name) {
        Vm vm = vms.get(name);
        if (vm == null) {
            throw new IllegalArgumentException("no virtual host " + name);
        }
        return vm;
    }

    private String namespace() {
        return "drbvm" + subnet;
    }

    private String uplink() {
        return "drbvm" + subnet + "up";
    }

    private String machineId(String name) {
        return String.format("%08x%024x", subnet, Math.abs((long) name.hashCode()));
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output + " (virtual hosts need root, iproute2 and "
                    + VmImage.INSTALL.substring("apt-get install ".length()) + ")");
        }
    }

    private static void quietly(List<String> command) {
        try {
            run(command);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
