package org.distreboot.client;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A failure as one short line for an operator: "connection refused", not a stack trace. */
public final class Problems {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Pattern NAME = Pattern.compile(
            "No (?:subject alternative (?:DNS )?names?|name) matching (?:IP address )?(\\S+) found"
                    + "|The hostname (\\S+) could not be verified");

    private Problems() {
    }

    /**
     * "TLS to {service} at {where} failed: why", or else "{service} at {where} unreachable: why":
     * a certificate problem is not a network one, and the operator fixes it elsewhere.
     */
    public static String connection(String service, String where, Throwable failure) {
        return tls(failure).map(why -> "TLS to " + service + " at " + where + " failed: " + why)
                .orElseGet(() -> service + " at " + where + " unreachable: " + describe(failure));
    }

    /** A JDBC URL without its parameters (sslrootcert, and any password someone put there). */
    public static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** What went wrong in a TLS handshake, in words an operator acts on; empty when it was not TLS. */
    public static Optional<String> tls(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        for (Throwable cause : chain) {
            if (cause instanceof CertificateExpiredException) {
                return Optional.of("the server's certificate has expired (" + cause.getMessage() + ")");
            }
            if (cause instanceof CertificateNotYetValidException) {
                return Optional.of("the server's certificate is not valid yet (" + cause.getMessage() + ")");
            }
        }
        for (Throwable cause : chain) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            Matcher name = NAME.matcher(message);
            if (name.find()) {
                return Optional.of("the server's certificate is not for "
                        + (name.group(1) != null ? name.group(1) : name.group(2)) + " (the name it was reached by)");
            }
            if (cause instanceof CertPathBuilderException || message.contains("unable to find valid certification path")) {
                return Optional.of("the server's certificate is not signed by the CA this node trusts");
            }
            Matcher alert = ALERT.matcher(message);
            if (alert.find()) {
                return Optional.of("the server refused this node's certificate (TLS alert " + alert.group(1) + ")");
            }
            if (message.contains("not an SSL/TLS record")) {
                return Optional.of("the server does not speak TLS on that port");
            }
            if (message.contains("The server does not support SSL")) {
                return Optional.of("the server does not take TLS connections");
            }
        }
        return Optional.empty();
    }

    /**
     * "TLS failed: why" for a certificate problem, else the innermost cause's first line, without
     * netty's ": /127.0.0.1:7233" address tail.
     */
    public static String describe(Throwable failure) {
        Optional<String> tls = tls(failure);
        if (tls.isPresent()) {
            return "TLS failed: " + tls.get();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = message.lines().findFirst().orElse(message).strip().replaceFirst(": /[^ ]*$", "");
        if (line.isEmpty()) {
            return cause.getClass().getSimpleName();
        }
        // "Connection refused" reads as "connection refused" mid-sentence; "FATAL" stays as it is.
        boolean capitalised = line.length() > 1 && Character.isLowerCase(line.charAt(1));
        return capitalised ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line;
    }
}
