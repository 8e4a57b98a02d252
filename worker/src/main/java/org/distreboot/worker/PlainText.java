package org.distreboot.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.TemporalProperties;

/**
 * What crosses the network unprotected with these settings: a service on another host reached
 * without TLS, or PostgreSQL without verify-full (pgjdbc's default, prefer, falls back to plain
 * text and checks no certificate). One line each, said once when the daemon starts.
 */
final class PlainText {
    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://(\\[[^]]*]|[^:/?]*)");
    private static final Pattern SSLMODE = Pattern.compile("[?&]sslmode=([a-z-]+)");

    private PlainText() {
    }

    static List<String> warnings(Settings settings) {
        List<String> warnings = new ArrayList<>();
        String temporalHost = settings.temporal().target().replaceFirst(":[0-9]+$", "");
        TemporalProperties.Tls tls = settings.temporal().tls();
        boolean temporalTls = tls.enabled() || tls.cert().isPresent() || tls.ca().isPresent();
        if (!temporalTls && !local(temporalHost)) {
            warnings.add("Temporal at " + settings.temporal().target() + " is reached without TLS: set temporal.tls.ca,"
                    + " temporal.tls.cert and temporal.tls.key (or temporal.tls.enabled=true)");
        }
        Matcher host = JDBC_HOST.matcher(settings.db().url());
        Matcher sslmode = SSLMODE.matcher(settings.db().url());
        String mode = sslmode.find() ? sslmode.group(1) : "prefer";
        if (host.find() && !local(host.group(1)) && !mode.equals("verify-full")) {
            warnings.add("PostgreSQL at " + host.group(1) + " is reached with sslmode=" + mode + ", which "
                    + (mode.equals("verify-ca") ? "does not check the server's name" : "may send the password in plain text"
                    + " to whoever answers") + ": add sslmode=verify-full&sslrootcert=CA.pem to db.url");
        }
        return warnings;
    }

    private static boolean local(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.isEmpty() || name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]")
                || name.equals("::1");
    }
}
