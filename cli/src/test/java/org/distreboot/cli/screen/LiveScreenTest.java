package org.distreboot.cli.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveScreenTest {
    private final StringWriter written = new StringWriter();
    private final AtomicReference<TerminalSize> size = new AtomicReference<>(new TerminalSize(40, 24));
    private final LiveScreen live = new LiveScreen(new PrintWriter(written), size::get);

    private static Screenful screen(String headline) {
        return new Screenful(List.of(headline), "NODE  STATE",
                List.of(new Screenful.Row("node-a  DONE", false), new Screenful.Row("node-b  REJOINING", true)),
                List.of());
    }

    private String drawn(Screenful screen) {
        written.getBuffer().setLength(0);
        live.draw(screen);
        return written.toString();
    }

    @Test
    void eachRedrawGoesUpByTheRowsTheLastOneTook_aFoldedHeadlineCountingForTwo() {
        String first = drawn(screen("a headline that is longer than forty columns"));
        String second = drawn(screen("short"));

        assertThat(first).doesNotStartWith("\033[").contains("\033[2Ka headline that is longer than forty\n");
        assertThat(second).startsWith("\033[5A").endsWith("\033[J");
    }

    @Test
    void aTerminalResizedBetweenTwoRedraws_isClearedAndDrawnFromItsTop() {
        drawn(screen("short"));
        size.set(new TerminalSize(120, 40));

        assertThat(drawn(screen("short"))).startsWith("\033[H\033[2J");
        assertThat(drawn(screen("short"))).startsWith("\033[4A");
    }
}
