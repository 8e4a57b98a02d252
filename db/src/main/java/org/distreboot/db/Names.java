package org.distreboot.db;

import java.util.regex.Pattern;

/** The one rule for cluster and node names: they end up in task queue names and file names. */
public final class Names {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    /** Returns {@code name} when valid, else throws with a message naming what is wrong. */
    public static String require(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " name is " + name.length()
                    + " characters long, at most " + MAX_LENGTH + " are allowed");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' may hold only letters, digits, '.', '_' and '-', and must start with a letter or digit");
        }
        return name;
    }
}
