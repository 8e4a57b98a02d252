package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
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
}
