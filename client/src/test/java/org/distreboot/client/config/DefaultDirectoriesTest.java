package org.distreboot.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /usr/local/etc before /etc, as the manual says; the file not read is named. */
class DefaultDirectoriesTest {
    @TempDir
    Path root;

    @Test
    void givenAFileInBothDefaultDirectories_theFirstIsReadAndTheOtherNamedAsNotRead() throws Exception {
        Path local = Files.createDirectories(root.resolve("usr/local/etc"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(local.resolve("distreboot.properties"), "node=from-local\n");
        Files.writeString(etc.resolve("distreboot.properties"), "node=from-etc\n");
        SettingsLoader loader = new SettingsLoader(List.of(local, etc));

        Settings settings = loader.load(Optional.empty(), List.of());

        assertThat(settings.node()).isEqualTo("from-local");
        assertThat(settings.source()).isEqualTo(local.resolve("distreboot.properties"));
        assertThat(loader.notRead(settings)).containsExactly(etc.resolve("distreboot.properties").toString());
    }

    @Test
    void givenOnlyTheSecond_itIsRead_andNothingIsLeftUnread() throws Exception {
        Path local = Files.createDirectories(root.resolve("usr/local/etc"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("distreboot.properties"), "node=from-etc\n");
        SettingsLoader loader = new SettingsLoader(List.of(local, etc));

        Settings settings = loader.load(Optional.empty(), List.of());

        assertThat(settings.node()).isEqualTo("from-etc");
        assertThat(loader.notRead(settings)).isEmpty();
    }
}
