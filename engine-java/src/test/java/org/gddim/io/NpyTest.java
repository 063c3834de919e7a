package org.gddim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy round trips, NumPy's header rules, float64 input, and clear errors on unusable files. */
class NpyTest {
    @TempDir
    Path dir;

    @Test
    void writtenArraysReadBackWithNumpysHeaderLayout() throws IOException {
        Path f = dir.resolve("a.npy");
        float[] data = {1.5f, -2f, 3.25f, 0f, 7f, -0.5f};
        Npy.write(f, new long[] {3, 2}, data);
        byte[] bytes = Files.readAllBytes(f);
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "NEP 1: data starts on a 64-byte boundary");
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertTrue(header.endsWith("\n"));
        Npy.Header h = Npy.readHeader(f);
        assertArrayEquals(new long[] {3, 2}, h.shape());
        assertArrayEquals(data, Npy.readAll(f));
    }

    @Test
    void float64FilesAreReadAsFloats() throws IOException {
        Path f = dir.resolve("d.npy");
        writeRaw(f, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", 8, new double[] {1, 2, 3, 4.5});
        float[] row = new float[2];
        Npy.Header h = Npy.readHeader(f);
        Npy.readRows(f, h, 1, 1, row);
        assertArrayEquals(new float[] {3f, 4.5f}, row);
    }

    @Test
    void unusableFilesAreRefusedWithTheReason() throws IOException {
        Path ints = dir.resolve("i.npy");
        writeRaw(ints, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", 4, new double[0]);
        assertMessage(ints, "holds dtype '<i4'");
        Path fortran = dir.resolve("f.npy");
        writeRaw(fortran, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 4, new double[] {1, 2, 3, 4});
        assertMessage(fortran, "Fortran order");
        Path truncated = dir.resolve("t.npy");
        writeRaw(truncated, "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 2), }", 4, new double[] {1, 2});
        assertMessage(truncated, "is truncated");
        Path text = dir.resolve("x.npy");
        Files.writeString(text, "not numpy");
        assertMessage(text, "is not a .npy file");
    }

    @Test
    void aFailedAtomicWriteLeavesNothingBehind() throws IOException {
        Path f = dir.resolve("never.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device");
        }));
        assertFalse(Files.exists(f));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
    }

    @Test
    void docRegionsAreReplacedInPlaceOrAppended() throws IOException {
        Path doc = dir.resolve("d.md");
        Files.writeString(doc, "# Title\n\ntext\n");
        DocRegions.replace(doc, "a", "first");
        DocRegions.replace(doc, "a", "second");
        DocRegions.replace(doc, "b", "other");
        String s = Files.readString(doc);
        assertEquals("# Title\n\ntext\n\n<!-- BEGIN generated:a -->\nsecond\n<!-- END generated:a -->\n\n"
                + "<!-- BEGIN generated:b -->\nother\n<!-- END generated:b -->\n", s);
    }

    private static void assertMessage(Path f, String expected) {
        var e = assertThrows(IOException.class, () -> Npy.readHeader(f));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    private static void writeRaw(Path f, String dict, int bytes, double[] values) throws IOException {
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buf.putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            if (bytes == 8) {
                buf.putDouble(v);
            } else {
                buf.putFloat((float) v);
            }
        }
        Files.write(f, buf.array());
    }
}
