package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A reboot window with real daemons: closed, the dry run and --reboot say when it opens and the
 * run reboots nothing, saying why, until cancelled; open, the run goes through.
 */
class RebootWindowIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenAWindowClosedNow_nothingReboots_andTheStatusSaysWhenItOpens() throws Exception {
        cluster = E2eCluster.create("closed", LocalCluster.Options.defaults().withNodes(3));
        LocalTime in2h = LocalTime.now(ZoneOffset.UTC).plusHours(2);
        cluster.setProperties("node-a", Map.of("window.start", in2h.format(HH_MM),
                "window.end", in2h.plusMinutes(30).format(HH_MM), "window.tz", "UTC"));
        cluster.startDaemons();
        String window = "mon-sun " + in2h.format(HH_MM) + "-" + in2h.plusMinutes(30).format(HH_MM) + " UTC";

        assertThat(cluster.cli("node-a", "--dry-run").out()).contains("nodes start their turn only inside the"
                + " reboot window " + window + " (window.*): closed now, it opens at ");
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("outside the reboot window " + window + " (window.*): the first node's"
                + " turn when it opens, at ");
        JsonNode waiting = cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText()
                .startsWith("the reboot window"), PATIENCE);
        assertThat(waiting.path("reboot").path("waitingFor").asText()).matches("the reboot window "
                + window.replace("+", "\\+") + " \\(window\\.\\*\\): the next node's turn when it opens, at \\S+Z");
        Thread.sleep(3000);
        assertThat(cluster.rebootOrder()).as("nothing outside the window").isEmpty();

        assertThat(cluster.cli("node-a", "--cancel").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
        assertThat(cluster.rebootOrder()).isEmpty();
    }

    @Test
    void givenAWindowOpenNow_theRunGoesThrough() throws Exception {
        cluster = E2eCluster.create("open", LocalCluster.Options.defaults().withNodes(3));
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        cluster.setProperties("node-a", Map.of("window.start", now.minusHours(1).format(HH_MM),
                "window.end", now.plusHours(1).format(HH_MM)));
        cluster.startDaemons();

        assertThat(cluster.cli("node-a", "--dry-run").out()).contains("(window.*): open now");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).hasSize(3);
    }
}
