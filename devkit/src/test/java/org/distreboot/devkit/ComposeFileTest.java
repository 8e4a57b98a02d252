package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml runs what the system suite runs: the Temporal server and admin tools of the
 * release it builds, started with the same configuration and jobs (docker/temporal), the UI of the
 * dev server the Web UI test drives, the PostgreSQL release the tests embed; and it is built as a
 * platform team expects (health checks, ordered start, nothing private published, the daemon as
 * the container's main process).
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CONFIG = "./docker/temporal";
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theTemporalImagesAreTheReleaseTheSystemSuiteBuilds_andTheUiTheOneItDrives() throws IOException {
        assertThat(services.get("temporal").get("image")).isEqualTo("temporalio/server:" + TemporalSqlServer.VERSION);
        assertThat(services.get("temporal-schema").get("image")).isEqualTo("temporalio/admin-tools:" + TemporalSqlServer.VERSION);
        assertThat(services.get("temporal-namespace").get("image")).isEqualTo("temporalio/admin-tools:" + TemporalSqlServer.VERSION);
        assertThat(services.get("temporal-ui").get("image")).isEqualTo("temporalio/ui:" + TemporalDevServer.UI_VERSION);
        assertThat(Files.readString(ROOT.resolve(".ci/install-temporal-server")))
                .as("CI builds the same release").contains("\nversion=" + TemporalSqlServer.VERSION + "\n");
    }

    @Test
    void postgresqlIsTheReleaseTheTestsEmbed_healthChecked_andNotPublished() throws IOException {
        Matcher embedded = Pattern.compile("<postgres.binaries.version>(\\d+\\.\\d+)\\.\\d+</postgres.binaries.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(embedded.find()).isTrue();
        Map<String, Object> postgresql = services.get("postgresql");
        assertThat(postgresql.get("image")).isEqualTo("postgres:" + embedded.group(1));
        assertThat(postgresql).containsKey("healthcheck").doesNotContainKey("ports");
    }

    @Test
    void theServerAndItsJobsRunTheProjectsConfiguration() {
        Map<String, Object> temporal = services.get("temporal");
        String mounted = mountOf(temporal, CONFIG);
        assertThat(environment(temporal)).containsEntry("TEMPORAL_SERVER_CONFIG_FILE_PATH", mounted + "/server.yaml")
                .containsEntry("DYNAMIC_CONFIG_FILE_PATH", mounted + "/dynamicconfig.yaml");
        Map<String, Object> schema = services.get("temporal-schema");
        assertThat(schema.get("entrypoint")).isEqualTo(List.of(mountOf(schema, CONFIG) + "/setup-postgres.sh"));
        Map<String, Object> namespace = services.get("temporal-namespace");
        assertThat(namespace.get("entrypoint")).isEqualTo(List.of(mountOf(namespace, CONFIG) + "/create-namespace.sh"));
        for (String file : List.of("server.yaml", "dynamicconfig.yaml", "setup-postgres.sh", "create-namespace.sh")) {
            assertThat(ROOT.resolve(CONFIG).resolve(file)).exists();
        }
    }

    @Test
    void servicesStartInOrder_eachWhenWhatItNeedsIsHealthyOrDone() {
        assertThat(dependsOn("temporal-schema")).containsEntry("postgresql", "service_healthy");
        assertThat(dependsOn("temporal")).containsEntry("temporal-schema", "service_completed_successfully");
        assertThat(dependsOn("temporal-namespace")).containsEntry("temporal", "service_healthy");
        assertThat(dependsOn("temporal-ui")).containsEntry("temporal", "service_healthy");
        assertThat(services.get("temporal")).containsKey("healthcheck");
        for (String node : List.of("node-a", "node-b", "node-c", "operator")) {
            assertThat(dependsOn(node)).containsEntry("postgresql", "service_healthy")
                    .containsEntry("temporal-namespace", "service_completed_successfully");
        }
    }

    @Test
    void whatIsPublishedIsOnLoopbackOnly() {
        services.forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            List<String> ports = (List<String>) service.getOrDefault("ports", List.of());
            assertThat(ports).as(name).allMatch(port -> port.startsWith("127.0.0.1:"));
        });
        assertThat((List<?>) services.get("temporal-ui").get("ports")).isNotEmpty();
    }

    @Test
    void theNodesRunTheDaemonAsTheContainersProcess_underAnInit() throws IOException {
        for (String node : List.of("node-a", "node-b", "node-c")) {
            assertThat(services.get(node)).containsEntry("init", true).containsEntry("restart", "unless-stopped");
        }
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("ENTRYPOINT [\"/usr/local/bin/node.sh\"]");
        List<String> script = Files.readAllLines(ROOT.resolve("docker/node.sh"));
        assertThat(script.get(script.size() - 1)).isEqualTo("exec distreboot --start");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(String service) {
        Map<String, Map<String, String>> conditions = (Map<String, Map<String, String>>) services.get(service)
                .get("depends_on");
        return conditions.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().get("condition")));
    }

    /** Where {@code source} is mounted in the service's container (read-only). */
    @SuppressWarnings("unchecked")
    private static String mountOf(Map<String, Object> service, String source) {
        return ((List<String>) service.get("volumes")).stream().filter(volume -> volume.startsWith(source + ":"))
                .map(volume -> volume.split(":"))
                .peek(parts -> assertThat(parts).as("mounted read-only").hasSize(3).endsWith("ro"))
                .map(parts -> parts[1]).findFirst()
                .orElseThrow(() -> new AssertionError(source + " is not mounted"));
    }
}
