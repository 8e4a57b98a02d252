package org.distreboot.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A command's output stream, read to its end on a thread of its own (not a shared pool, where
 * readers that block can wait on each other), and what it has said so far, for a test that acts
 * only once the command has said something.
 */
public final class CliOutput {
    private final StringBuffer sofar = new StringBuffer();
    private final CompletableFuture<String> whole = new CompletableFuture<>();

    CliOutput(InputStream in, String name) {
        Thread reader = new Thread(() -> {
            try (Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] chunk = new char[8192];
                for (int n = text.read(chunk); n >= 0; n = text.read(chunk)) {
                    sofar.append(chunk, 0, n);
                }
                whole.complete(sofar.toString());
            } catch (IOException e) {
                whole.completeExceptionally(new UncheckedIOException(e));
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** What the stream has said so far. */
    String sofar() {
        return sofar.toString();
    }

    /** Everything the stream said, once it has ended. */
    String whole() throws InterruptedException, ExecutionException {
        return whole.get();
    }
}
