package org.distreboot.cli.docs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** The packaged man page and changelog, compressed as Debian asks. */
final class Gzip {
    private Gzip() {
    }

    /**
     * gzip -9n: best compression, and no file name or time in the header, as Debian asks.
     * Written by hand because GZIPOutputStream does not mark the header as best compression.
     */
    static void write(Path file, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        CRC32 crc = new CRC32();
        crc.update(data);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
            try (DeflaterOutputStream deflated = new DeflaterOutputStream(new NonClosing(out), deflater)) {
                deflated.write(data);
            }
            ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt((int) crc.getValue()).putInt(data.length);
            out.write(trailer.array());
        } finally {
            deflater.end();
        }
    }

    /** Lets the deflater finish without closing the file under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
