package org.distreboot.cli.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FoldingWriterTest {
    @Test
    void eachLineIsFoldedAtTheWidth_andALineNotYetEndedIsWrittenWhenFlushed() {
        StringWriter written = new StringWriter();
        PrintWriter out = new PrintWriter(new FoldingWriter(written, () -> new TerminalSize(24, 10)), true);

        out.println("  node-a   downtime   4.3s   boot node-a-first-boot");
        out.print("press Enter ");
        out.flush();

        assertThat(written.toString()).isEqualTo("  node-a   downtime\n    4.3s   boot\n    node-a-first-boot\n"
                + "press Enter ");
    }
}
