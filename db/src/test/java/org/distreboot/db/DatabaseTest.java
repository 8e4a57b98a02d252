package org.distreboot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(Database.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            int newest = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
            assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
        }
    }

    @Test
    void givenMigratedDatabase_itReportsTheCurrentVersion_andMigratingAgainChangesNothing() {
        TestDatabase db = TestDatabase.create();

        Database.migrate(db.dataSource);

        assertThat(Database.schemaVersion(db.dataSource)).isEqualTo(Database.SCHEMA_VERSION);
        assertThat(db.column("SELECT count(*) FROM flyway_schema_history"))
                .containsExactly(String.valueOf(Database.SCHEMA_VERSION));
    }
}
