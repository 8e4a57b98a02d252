package org.distreboot.client.config;

/**
 * A value of distreboot.properties as the context holds it: its text, and the key it was set
 * under, so that a value that is not what its key asks for is said with the key's name. Not a
 * string to the context, so nothing in it is read as a ${placeholder}: a command is run as written.
 */
public record PropertyValue(String key, String text) {
    @Override
    public String toString() {
        return text;
    }
}
