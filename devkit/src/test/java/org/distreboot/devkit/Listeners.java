package org.distreboot.devkit;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The TCP sockets that processes listen on, read from /proc (no ss needed): a process's socket
 * inodes from /proc/PID/fd, the listening ones with their address from /proc/net/tcp and tcp6.
 */
final class Listeners {
    private static final String LISTEN = "0A";

    private Listeners() {
    }

    /** A listening socket and its process. */
    record Listener(InetAddress address, int port, long pid, String command) {
        @Override
        public String toString() {
            String host = address.getHostAddress().replace("0:0:0:0:0:0:0:1", "::1").replace("0:0:0:0:0:0:0:0", "::");
            return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port + " (pid " + pid + ": "
                    + command + ")";
        }
    }

    /** Every TCP socket {@code processes} listen on. */
    static List<Listener> of(Stream<ProcessHandle> processes) throws IOException {
        Map<String, InetSocketAddress> listening = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.strip().split("\\s+");
                if (fields[3].equals(LISTEN)) {
                    listening.put(fields[9], address(fields[1]));
                }
            }
        }
        List<Listener> found = new ArrayList<>();
        for (ProcessHandle process : processes.toList()) {
            for (String inode : socketInodes(process.pid())) {
                InetSocketAddress socket = listening.get(inode);
                if (socket != null) {
                    found.add(new Listener(socket.getAddress(), socket.getPort(), process.pid(),
                            process.info().command().orElse("?")));
                }
            }
        }
        return found;
    }

    /** Those of {@link #of} on an address other than loopback (a wildcard address among them). */
    static List<String> beyondLoopback(Stream<ProcessHandle> processes) throws IOException {
        return of(processes).stream().filter(l -> !l.address().isLoopbackAddress()).map(Listener::toString).toList();
    }

    private static Set<String> socketInodes(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    return "";
                }
            }).filter(target -> target.startsWith("socket:[")).map(t -> t.substring(8, t.length() - 1))
                    .collect(Collectors.toSet());
        } catch (IOException gone) {
            return Set.of();
        }
    }

    /** /proc/net/tcp's "0100007F:1F90" as 127.0.0.1:8080 (each 32-bit word in host byte order). */
    private static InetSocketAddress address(String hex) {
        String[] parts = hex.split(":");
        byte[] bytes = new byte[parts[0].length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(parts[0].substring(at, at + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), new BigInteger(parts[1], 16).intValue());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
