package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * PostgreSQL, which holds the heartbeats: db.url, db.user, and the password, from db.password or
 * read from db.passwordfile ({@link #password()} is the password either way).
 */
@ConfigurationProperties("distreboot.db")
public record DbProperties(String url, Optional<String> user, Optional<String> password,
                           Optional<Path> passwordfile) {

    public DbProperties {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw PropertyProblem.badValue("db.url", "'" + url + "' is not a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database)");
        }
        if (passwordfile.isPresent()) {
            password = Optional.of(read(passwordfile.get()));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read db.passwordfile " + file + ": " + e.getMessage());
        }
    }
}
