package org.distreboot.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which host a daemon runs on: its name and machine id (/etc/machine-id, empty when there is
 * none), so that two hosts posting as one node can be told apart and named.
 */
record HostIdentity(String name, String machineId) {

    static HostIdentity of(Path machineIdFile) {
        String machineId;
        try {
            machineId = Files.readString(machineIdFile).strip();
        } catch (IOException e) {
            machineId = "";
        }
        return new HostIdentity(hostName(), machineId);
    }

    /** For people, in heartbeats and messages: "db-3 (machine 3f2a9c1e, boot 8b1d7e04)". */
    String describe(String bootId) {
        return name + " (machine " + (machineId.isEmpty() ? "unknown" : shorten(machineId)) + ", boot "
                + shorten(bootId) + ")";
    }

    private static String shorten(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
