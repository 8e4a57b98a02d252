package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.SettingsLoader;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    private static Settings settings(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>(Map.of("node", "node-a"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return SettingsLoader.of(Path.of("/etc/distreboot.properties"), properties);
    }

    @Test
    void givenBothServicesOnThisHost_nothingCrossesTheNetwork() {
        assertThat(PlainText.warnings(settings())).isEmpty();
        assertThat(PlainText.warnings(settings("temporal.target", "localhost:7233",
                "db.url", "jdbc:postgresql://localhost/distreboot"))).isEmpty();
    }

    @Test
    void givenServicesOnOtherHostsWithoutTls_eachIsNamedWithTheSettingsThatFixIt() {
        assertThat(PlainText.warnings(settings("temporal.target", "temporal.example.net:7233",
                "db.url", "jdbc:postgresql://db.example.net:5432/distreboot")))
                .containsExactly("Temporal at temporal.example.net:7233 is reached without TLS: set temporal.tls.ca,"
                                + " temporal.tls.cert and temporal.tls.key (or temporal.tls.enabled=true)",
                        "PostgreSQL at db.example.net is reached with sslmode=prefer, which may send the password in"
                                + " plain text to whoever answers: add sslmode=verify-full&sslrootcert=CA.pem to db.url");
        assertThat(PlainText.warnings(settings("db.url", "jdbc:postgresql://10.0.0.5/distreboot?sslmode=verify-ca")))
                .singleElement().asString().contains("sslmode=verify-ca, which does not check the server's name");
    }

    @Test
    void givenTlsToBoth_nothingIsSaid() {
        assertThat(PlainText.warnings(settings("temporal.target", "temporal.example.net:7233",
                "temporal.tls.enabled", "true",
                "db.url", "jdbc:postgresql://db.example.net/distreboot?sslmode=verify-full&sslrootcert=/etc/ca.pem")))
                .isEmpty();
    }
}
