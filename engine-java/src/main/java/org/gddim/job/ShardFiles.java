package org.gddim.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.gddim.io.Npy;
import org.gddim.io.Plots;

/**
 * The files of one shard: {@code shard-NNNNNN.npy} (float32, (rows, D...)), written through a CRC32C as it
 * streams to a temporary name and renamed when complete, and, for image data ((C, H, W), C = 1 or 3), the contact
 * sheet {@code shard-NNNNNN.png} of its first 64 samples (8 per row, values in [-1, 1], as sample's samples.png).
 */
public final class ShardFiles {
    private ShardFiles() {}

    /** Samples shown on a contact sheet. */
    static final int SHEET_SAMPLES = 64;

    /** Writes the shard's rows into the open stream. */
    @FunctionalInterface
    interface Rows {
        void write(java.io.OutputStream out) throws IOException;
    }

    /** Writes the file {@code name} into {@code target}: the .npy header of {@code shape}, then {@code rows}; returns its CRC32C. */
    static String write(ShardTarget target, String name, long[] shape, Rows rows) throws IOException {
        CRC32C crc = new CRC32C();
        target.write(name, out -> {
            CheckedOutputStream checked = new CheckedOutputStream(out, crc);
            Npy.writeHeader(checked, shape);
            rows.write(checked);
            checked.flush();
        });
        return hex(crc.getValue());
    }

    /** Whether {@code dims} is image data that gets a contact sheet. */
    static boolean hasSheet(int[] dims) {
        return dims.length == 3 && (dims[0] == 1 || dims[0] == 3);
    }

    /** Draws the sheet of {@code shown} samples {@code images} ((shown, C, H, W)) as the file {@code name} into {@code target}; returns its CRC32C. */
    static String writeSheet(ShardTarget target, String name, float[] images, int[] dims, int shown) throws IOException {
        byte[] png = Plots.imageGridPng(images, dims, shown, 8, -1, 1, 3);
        target.write(name, out -> out.write(png));
        CRC32C crc = new CRC32C();
        crc.update(png);
        return hex(crc.getValue());
    }

    /** The CRC32C of a file's bytes, 8 lower-case hex digits; null if the file does not exist. */
    static String crc32c(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return crc32c(in);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The CRC32C of a stream's bytes (read to its end), 8 lower-case hex digits, as the manifest lists it. */
    public static String crc32c(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            crc.update(buf, 0, n);
        }
        return hex(crc.getValue());
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }
}
