package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.distreboot.client.config.ConfigException;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's quorum group: the property, or what topologycmd prints (a real shell), or none. */
class NodeTopologyTest {
    @TempDir
    Path dir;

    private Settings load(String properties) throws IOException {
        Files.writeString(dir.resolve("distreboot.properties"), "node=alpha\n" + properties);
        return new SettingsLoader().load(Optional.of(dir), List.of());
    }

    @Test
    void givenNoTopology_theNodeHasNoGroup() throws IOException {
        assertThat(NodeTopology.of(load(""))).isEmpty();
    }

    @Test
    void givenTheProperty_itIsTheGroup() throws IOException {
        assertThat(NodeTopology.of(load("topology=zone-b\n"))).contains("zone-b");
    }

    @Test
    void givenTopologycmd_itsFirstLineIsTheGroup() throws IOException {
        assertThat(NodeTopology.of(load("topologycmd=printf ' rack-7 \\\\nsecond line\\\\n'\n"))).contains("rack-7");
    }

    @Test
    void givenATopologycmdThatFailsOrPrintsNoName_theDaemonDoesNotStart_sayingWhy() throws IOException {
        Settings failing = load("topologycmd=echo no zone file >&2; exit 3\n");
        assertThatThrownBy(() -> NodeTopology.of(failing)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topologycmd exited 3: no zone file (set in " + dir.resolve("distreboot.properties"))
                .hasMessageEndingWith("the daemon does not start without its group");
        Settings silent = load("topologycmd=true\n");
        assertThatThrownBy(() -> NodeTopology.of(silent)).hasMessageStartingWith(
                "topologycmd printed no usable group: topology name is empty");
        Settings spaced = load("topologycmd=echo 'rack 7'\n");
        assertThatThrownBy(() -> NodeTopology.of(spaced)).hasMessageContaining("topology name 'rack 7' may hold only");
    }
}
