package org.distreboot.cli;

import com.sun.security.auth.module.UnixSystem;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who is at the keyboard: for the history ("dropped by root@node-a") and the root check. */
final class Operator {
    private Operator() {
    }

    static String name() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return System.getProperty("user.name") + "@" + host;
    }

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
