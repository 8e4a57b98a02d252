package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private final Redaction redaction = new Redaction(List.of("s3cr3t-db-pass", "https://hooks.example.org/T0/B0/xyz"));

    @Test
    void valuesOfKeysThatNameASecret_areMasked_inEachUsualForm() {
        assertThat(redaction.masked("PGPASSWORD=hunter22 psql -c 'select 1'"))
                .isEqualTo("PGPASSWORD=**** psql -c 'select 1'");
        assertThat(redaction.masked("{\"api_key\": \"abc123\", \"user\": \"bob\"}"))
                .isEqualTo("{\"api_key\": ****, \"user\": \"bob\"}");
        assertThat(redaction.masked("token: ghp_1234 and secret=xyz;next"))
                .isEqualTo("token: **** and secret=****;next");
        assertThat(redaction.masked("patronictl --password hunter22 switchover"))
                .isEqualTo("patronictl --password **** switchover");
        assertThat(redaction.masked("Authorization: Bearer eyJhbGciOi.x-y_z"))
                .doesNotContain("eyJhbGciOi").contains("Bearer ****");
        assertThat(redaction.masked("connecting to postgres://app:pa55word@db:5432/app"))
                .isEqualTo("connecting to postgres://app:****@db:5432/app");
    }

    @Test
    void thePropertiesFilesOwnSecrets_areMaskedWhereverTheyAppear() {
        assertThat(redaction.masked("login with s3cr3t-db-pass failed")).isEqualTo("login with **** failed");
        assertThat(redaction.masked("POST https://hooks.example.org/T0/B0/xyz -> 500")).isEqualTo("POST **** -> 500");
    }

    @Test
    void plainOutput_staysAsItIs_evenWhereItSpeaksOfPasswordsOrAuthentication() {
        String plain = """
                draining node-a: 3 connections left
                authentication failed for user bob
                password authentication is enabled
                leader moved to node-b in 120 ms""";
        assertThat(redaction.masked(plain)).isEqualTo(plain);
    }
}
