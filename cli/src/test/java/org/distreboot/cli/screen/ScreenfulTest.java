package org.distreboot.cli.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScreenfulTest {
    private static final String WAITING = "  waiting for: node-b to come back on a new boot with its healthcmd passing"
            + " (reboot.timeout of node-b in 4m 51s)";

    private static Screenful withNodes(int count, int inFlight) {
        List<Screenful.Row> rows = IntStream.range(0, count).mapToObj(i -> new Screenful.Row(
                String.format("node-%02d  %-10s  fresh  member  %s", i, i == inFlight ? "REJOINING" : "DONE",
                        "0f3a9c1e -> 77d2b0aa"), i == inFlight)).toList();
        return new Screenful(List.of("distributed reboot of cluster prod: RUNNING, 3 of 12 done, 1m 2s", WAITING, ""),
                "NODE     STATE       HEARTBEAT  ROLE    BOOT ID", rows, List.of("", "[#####-----] 3/12 rebooted"));
    }

    @Test
    void givenRoomForEverything_everyLineIsShown_andALongOneIsFoldedAtASpace_indentedAsItsContinuation() {
        List<String> lines = withNodes(3, 1).fit(new TerminalSize(80, 24));

        assertThat(lines).hasSize(3 + 1 + 1 + 3 + 2).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(lines.get(1)).isEqualTo("  waiting for: node-b to come back on a new boot with its healthcmd passing");
        assertThat(lines.get(2)).isEqualTo("    (reboot.timeout of node-b in 4m 51s)");
        assertThat(lines).filteredOn(line -> line.startsWith("NODE")).hasSize(1);
    }

    @Test
    void givenATerminalNotTallEnough_theNodeInFlightIsShownFirst_andTheLineSaysHowManyAreNot() {
        TerminalSize small = new TerminalSize(80, 12);
        List<String> lines = withNodes(12, 9).fit(small);

        assertThat(lines).hasSize(small.rows() - 1);
        assertThat(lines.get(0)).startsWith("distributed reboot of cluster prod");
        assertThat(lines).last().asString().startsWith("[#####");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("node-09  REJOINING"));
        List<String> nodes = lines.stream().filter(line -> line.startsWith("node-")).toList();
        assertThat(nodes).hasSize(3).containsExactly(nodes.stream().sorted().toArray(String[]::new));
        assertThat(lines).contains("… 9 more nodes not shown: the terminal is too short for them");
    }

    @Test
    void givenANarrowTerminal_noLineIsWiderThanIt_andACutRowSaysSo() {
        List<String> lines = withNodes(3, 0).fit(new TerminalSize(30, 40));

        assertThat(lines).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(30));
        assertThat(lines).filteredOn(line -> line.startsWith("node-00")).singleElement().asString().endsWith("…");
    }

    @Test
    void givenATerminalShorterThanTheHeadlineAndProgress_itsFirstRowsOnly() {
        List<String> lines = withNodes(3, 0).fit(new TerminalSize(80, 5));

        assertThat(lines).hasSize(4).first().asString().startsWith("distributed reboot of cluster prod");
    }

    @Test
    void aWordLongerThanTheWidthIsBrokenWhereItMustBe() {
        List<String> folded = Screenful.fold("x".repeat(50), 20);

        assertThat(folded).hasSize(3).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(20));
        assertThat(String.join("", new ArrayList<>(folded)).replace(" ", "")).isEqualTo("x".repeat(50));
    }

    @Test
    void sttySaysRowsThenColumns() {
        assertThat(TerminalSize.parseStty("24 80\n")).isEqualTo(new TerminalSize(80, 24));
        assertThat(TerminalSize.parseStty("")).isNull();
        assertThat(TerminalSize.ofEnvironment(null, "50")).isEqualTo(TerminalSize.DEFAULT);
        assertThat(TerminalSize.ofEnvironment("200", "50")).isEqualTo(new TerminalSize(200, 50));
    }
}
