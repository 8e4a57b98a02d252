package org.distreboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void givenAWrappedConnectionFailure_itIsTheInnermostCauseInOneShortLine() {
        Exception failure = new IllegalStateException("UNAVAILABLE: io exception",
                new UncheckedIOException(new ConnectException("Connection refused: /10.0.0.5:7233")));

        assertThat(Problems.describe(failure)).isEqualTo("connection refused");
    }

    @Test
    void givenAMessageOfSeveralLines_itKeepsTheFirst() {
        assertThat(Problems.describe(new IllegalStateException("FATAL: database \"x\" does not exist\n  Hint: create it")))
                .isEqualTo("FATAL: database \"x\" does not exist");
    }

    @Test
    void givenAnExpiredCertificateDeepInTheChain_itSaysSo_whateverWrapsIt() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertificateException("validity check failed",
                new CertificateExpiredException("NotAfter: Tue Dec 01 04:51:11 UTC 2026")));

        assertThat(Problems.connection("Temporal", "10.0.0.5:7233", new IllegalStateException("UNAVAILABLE", handshake)))
                .isEqualTo("TLS to Temporal at 10.0.0.5:7233 failed: the server's certificate has expired"
                        + " (NotAfter: Tue Dec 01 04:51:11 UTC 2026)");
    }

    @Test
    void givenEachCertificateProblem_itIsNamedSoTheOperatorKnowsWhatToFix() {
        assertThat(Problems.tls(new IllegalStateException("PKIX path building failed", new CertPathBuilderException(
                "unable to find valid certification path to requested target"))))
                .hasValue("the server's certificate is not signed by the CA this node trusts");
        assertThat(Problems.tls(new CertificateException("No subject alternative names matching IP address 10.0.0.5 found")))
                .hasValue("the server's certificate is not for 10.0.0.5 (the name it was reached by)");
        assertThat(Problems.tls(new CertificateException("No subject alternative DNS name matching db.example.net found.")))
                .hasValue("the server's certificate is not for db.example.net (the name it was reached by)");
        assertThat(Problems.tls(new IllegalStateException("The hostname localhost could not be verified by hostnameverifier")))
                .hasValue("the server's certificate is not for localhost (the name it was reached by)");
        assertThat(Problems.tls(new SSLHandshakeException("Received fatal alert: certificate_required")))
                .hasValue("the server refused this node's certificate (TLS alert certificate_required)");
        assertThat(Problems.tls(new IllegalStateException("The server does not support SSL.")))
                .hasValue("the server does not take TLS connections");
    }

    @Test
    void givenNoTlsProblem_itIsAnUnreachableServiceAsBefore() {
        Exception refused = new IllegalStateException(new ConnectException("Connection refused"));

        assertThat(Problems.tls(refused)).isEmpty();
        assertThat(Problems.connection("PostgreSQL", "jdbc:postgresql://db:5432/distreboot", refused))
                .isEqualTo("PostgreSQL at jdbc:postgresql://db:5432/distreboot unreachable: connection refused");
        assertThat(Problems.withoutParameters("jdbc:postgresql://db:5432/distreboot?sslmode=verify-full&password=x"))
                .isEqualTo("jdbc:postgresql://db:5432/distreboot");
    }
}
