package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The two live screens, --watch and the demo, in real terminals (tmux) of 80 by 24 and 200 by 50,
 * read as a user reads them: at every look the table's header is there once (each redraw lands on
 * the last one), no line is wider than the terminal, no two nodes show as master, and the last
 * screen shows every node DONE.
 */
class LiveScreensSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Map<String, int[]> TERMINALS = new LinkedHashMap<>();

    static {
        TERMINALS.put("narrow", new int[] {80, 24});
        TERMINALS.put("wide", new int[] {200, 50});
    }
    /** A node's row in either table: its name, then its run state. */
    private static final Pattern NODE_ROW = Pattern.compile(
            "^(node-\\w)\\s+(PENDING|DRAINING|REBOOTING|REJOINING|DONE|DROPPED|SKIPPED|FAILED|-)\\s.*");
    private static final Pattern MASTER = Pattern.compile("\\smaster(\\s|$)");

    @AutoClose
    private Tmux tmux;
    /** The first look at a terminal with a node rejoining, printed for the README. */
    private String midRun;

    private static Path launcher() {
        return Path.of(System.getProperty("distreboot.launcher", "../distreboot")).toAbsolutePath().normalize();
    }

    @Test
    void givenARun_theWatchRedrawsInPlaceInNarrowAndWideTerminals_andEndsWithEveryNodeDone() throws Exception {
        tmux = new Tmux();
        Path temporal = SystemTools.require("temporal", TemporalDevServer.PINNED);
        try (E2eCluster cluster = E2eCluster.create("screens", LocalCluster.Options.defaults().withNodes(3)
                .withRebootDelay(Duration.ofSeconds(3)), temporal)) {
            watchARun(cluster);
        }
    }

    private void watchARun(E2eCluster cluster) throws Exception {
        cluster.startDaemons();
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        for (Map.Entry<String, int[]> terminal : TERMINALS.entrySet()) {
            tmux.start(terminal.getKey(), terminal.getValue()[0], terminal.getValue()[1],
                    List.of(launcher().toString(), "--node=" + cluster.dir("node-b"), "--watch"));
        }

        Map<String, List<String>> last = follow("NODE ");

        for (Map.Entry<String, int[]> terminal : TERMINALS.entrySet()) {
            assertThat(tmux.exitCode(terminal.getKey())).as("--watch of a completed run").isZero();
            List<String> screen = last.get(terminal.getKey());
            assertThat(screen).as(String.join("\n", screen))
                    .anySatisfy(line -> assertThat(line).contains("COMPLETED, 3 of 3 done"));
            assertEveryNodeDone(screen, 3);
        }
        System.out.println(midRun);
        System.out.println("narrow terminal, the last screen:\n" + String.join("\n", last.get("narrow")));
    }

    @Test
    void givenTheDemo_itRedrawsInPlaceInNarrowAndWideTerminals_andEndsWithEveryNodeDone() throws Exception {
        tmux = new Tmux();
        for (Map.Entry<String, int[]> terminal : TERMINALS.entrySet()) {
            tmux.start(terminal.getKey(), terminal.getValue()[0], terminal.getValue()[1],
                    List.of(launcher().toString(), "--demo", "--nodes", "3", "--test-server"));
            Map<String, List<String>> last = follow("NODE ", terminal.getKey());
            List<String> screen = last.get(terminal.getKey());
            assertThat(tmux.exitCode(terminal.getKey())).as(String.join("\n", screen)).isZero();
            assertThat(screen).anySatisfy(line -> assertThat(line).contains("COMPLETED: 3 of 3 nodes rebooted"));
            assertEveryNodeDone(screen, 3);
        }
    }

    /**
     * Looks at the terminals every 200 ms until their commands end, each look checked; the last
     * look at each, which has its table.
     */
    private Map<String, List<String>> follow(String header, String... only) throws Exception {
        List<String> names = only.length > 0 ? List.of(only) : new ArrayList<>(TERMINALS.keySet());
        Map<String, List<String>> drawn = new LinkedHashMap<>();
        Set<String> ended = new HashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int looks = 0;
        while (ended.size() < names.size()) {
            assertThat(System.nanoTime()).as("the commands end within %s", PATIENCE).isLessThan(deadline);
            for (String name : names) {
                if (tmux.exitCode(name) != null) {
                    ended.add(name);
                }
                List<String> screen = tmux.capture(name);
                assertFits(name, screen, header, drawn.containsKey(name));
                if (screen.stream().anyMatch(line -> line.startsWith(header))) {
                    drawn.put(name, screen);
                }
                if (midRun == null && screen.stream().anyMatch(line -> line.matches("node-\\w\\s+REJOINING\\s.*"))) {
                    midRun = name + " terminal, mid-run:\n" + String.join("\n", screen);
                }
            }
            looks++;
            Thread.sleep(200);
        }
        assertThat(looks).as("looks during the run").isGreaterThan(10);
        assertThat(drawn.keySet()).as("terminals that showed the table").containsExactlyInAnyOrderElementsOf(names);
        return drawn;
    }

    /**
     * One look at a terminal, at everything it has shown: the header once (none before the first
     * draw), no line wider than the terminal, one master at most.
     */
    private static void assertFits(String name, List<String> screen, String header, boolean drawn) {
        int width = TERMINALS.get(name)[0];
        String shown = name + " terminal:\n" + String.join("\n", screen);
        assertThat(screen).as("the header, once: %s", shown).filteredOn(line -> line.startsWith(header))
                .hasSizeBetween(drawn ? 1 : 0, 1);
        assertThat(screen).as("no line wider than %d: %s", width, shown)
                .allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(width));
        assertThat(screen).as("one master at most: %s", shown)
                .filteredOn(line -> NODE_ROW.matcher(line).matches() && MASTER.matcher(line).find()).hasSizeLessThan(2);
    }

    private static void assertEveryNodeDone(List<String> screen, int nodes) {
        List<String> rows = screen.stream().filter(line -> NODE_ROW.matcher(line).matches()).toList();
        assertThat(rows).as(String.join("\n", screen)).hasSize(nodes)
                .allSatisfy(row -> assertThat(row).matches("node-\\w\\s+DONE\\s.*"));
    }
}
