package org.distreboot.client;

import com.sun.security.auth.module.UnixSystem;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who is at the keyboard: for the history ("dropped by root@node-a") and the root check. */
public final class Operator {
    private Operator() {
    }

    public static String name() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return System.getProperty("user.name") + "@" + host;
    }

    public static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
