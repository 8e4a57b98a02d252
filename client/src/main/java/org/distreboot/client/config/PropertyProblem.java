package org.distreboot.client.config;

/**
 * What is wrong with a value of distreboot.properties, or with two values together, found while
 * binding them: the loader says it in one line with the file's name ({@link #in}).
 */
public final class PropertyProblem extends RuntimeException {
    private final String advice;

    /** Said as {@code what in FILE advice}: "db.password and db.passwordfile are both set in FILE; keep one". */
    public PropertyProblem(String what, String advice) {
        super(what, null, false, false);
        this.advice = advice;
    }

    /** "bad value for KEY: PROBLEM in FILE", the key said once when the problem starts with it. */
    public static PropertyProblem badValue(String key, String problem) {
        return new PropertyProblem("bad value for " + (problem.startsWith(key) ? problem : key + ": " + problem), "");
    }

    /** The whole line, with where the values came from (a file, or "the defaults"). */
    public String in(String where) {
        return getMessage() + " in " + where + advice;
    }
}
