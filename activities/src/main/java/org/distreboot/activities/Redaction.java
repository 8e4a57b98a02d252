package org.distreboot.activities;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in a command's output before it is kept: the values of keys that
 * name a password, token, secret, key or credential ({@code password=…}, {@code "token": "…"},
 * {@code --api-key …}), a URL's password, a bearer or basic credential, and the secrets of the
 * properties file themselves wherever they appear. Errs on the side of masking.
 */
public final class Redaction {
    static final String MASK = "****";
    private static final String KEY = "[\\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|apikey|credential"
            + "|private[_-]?key|access[_-]?key|auth)[\\w.-]*";
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)\\s+[\\w.~+/=-]+");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\"']?" + KEY + "[\"']?\\s*[:=]\\s*)(?!(?:bearer|basic)\\s)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)");
    private static final Pattern OPTION = Pattern.compile("(?i)((?<![\\w-])--?" + KEY + "\\s+)([^\\s-]\\S*)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");
    /** Shorter values are not masked where they appear: "1" or "yes" would mask half the output. */
    private static final int SHORTEST_SECRET = 4;

    private final List<String> secrets;

    /** Also masking each of {@code secrets} (the database password, the webhook's address). */
    public Redaction(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= SHORTEST_SECRET)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    public String masked(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        masked = CREDENTIAL.matcher(masked).replaceAll("$1 " + MASK);
        masked = URL_PASSWORD.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
        masked = KEY_VALUE.matcher(masked).replaceAll("$1" + MASK);
        return OPTION.matcher(masked).replaceAll("$1" + MASK);
    }
}
