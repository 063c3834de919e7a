package org.gddim.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format 1.0/2.0/3.0, numpy.org NEP 1): writes little-endian float32 in C order,
 * in a header-then-stream fashion so arrays larger than a Java array can be produced chunk by chunk; reads
 * float32 or float64 C-order arrays by rows, converting to float. Errors name the file and the problem.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** An array's header: element type ({@code <f4} or {@code <f8}), shape, and where the data starts. */
    public record Header(String descr, long[] shape, long dataOffset) {
        /** Elements in total. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Elements per row (product of all but the first dimension; 1 for 1-D arrays). */
        public long rowSize() {
            long n = 1;
            for (int i = 1; i < shape.length; i++) {
                n *= shape[i];
            }
            return n;
        }

        int elementBytes() {
            return descr.equals("<f8") ? 8 : 4;
        }

        /** The shape written like NumPy, e.g. "(10, 2)". */
        public String shapeString() {
            return Npy.shapeString(shape);
        }
    }

    /** "(10, 2)" style text of a shape. */
    public static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** Writes the header of a little-endian float32 C-order array of {@code shape}; the data must follow. */
    public static void writeHeader(OutputStream out, long[] shape) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(1); // version 1.0: 2-byte little-endian header length
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes floats little-endian. */
    public static void writeFloats(OutputStream out, float[] data, int from, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data, from, count);
        out.write(buf.array());
    }

    /** Writes a whole float32 array of {@code shape} atomically. */
    public static void write(Path file, long[] shape, float[] data) throws IOException {
        AtomicFiles.write(file, out -> {
            writeHeader(out, shape);
            writeFloats(out, data, 0, data.length);
        });
    }

    /** {@code text} with control and non-ASCII characters shown as {@code \\xNN}, for error messages. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 200); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return text.length() > 200 ? out + "..." : out.toString();
    }

    /** Reads and checks the header of {@code file}. */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(pre, 0);
            pre.flip();
            if (pre.remaining() < 10 || !Arrays.equals(Arrays.copyOf(pre.array(), 6), MAGIC)) {
                throw new NpyFormatException(file + " is not a .npy file (no \\x93NUMPY magic at its start)");
            }
            int major = pre.get(6);
            int headerLen;
            int headerStart;
            if (major == 1) {
                headerLen = Short.toUnsignedInt(pre.getShort(8));
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt(8);
                headerStart = 12;
            } else {
                throw new NpyFormatException(file + ": unsupported .npy format version " + major);
            }
            if (headerLen < 0 || ch.size() < (long) headerStart + headerLen) {
                throw new NpyFormatException(file + " is truncated: its .npy header declares " + Integer.toUnsignedString(headerLen)
                        + " bytes after byte " + headerStart + ", the file has " + ch.size() + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate(headerLen);
            while (hb.hasRemaining() && ch.read(hb, headerStart + hb.position()) > 0) {
                // a channel may return fewer bytes than asked for
            }
            String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new NpyFormatException(file + ": unreadable .npy header: " + printable(header.strip()));
            }
            String descr = d.group(1);
            if (!descr.equals("<f4") && !descr.equals("<f8")) {
                throw new NpyFormatException(file + " holds dtype '" + descr
                        + "'; expected little-endian float32 ('<f4') or float64 ('<f8')");
            }
            if (f.group(1).equals("True")) {
                throw new NpyFormatException(file + " is in Fortran order; save it in C order (np.ascontiguousarray)");
            }
            String[] parts = s.group(1).split(",");
            long[] shape = Arrays.stream(parts).map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
            Header h = new Header(descr, shape, headerStart + headerLen);
            long expected = h.dataOffset() + h.size() * h.elementBytes();
            if (ch.size() < expected) {
                throw new NpyFormatException(file + " is truncated: shape " + h.shapeString() + " needs " + expected
                        + " bytes, the file has " + ch.size());
            }
            return h;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " does not exist");
        }
    }

    /** Reads rows {@code [firstRow, firstRow + rows)} as floats into {@code dst} (length rows * rowSize). */
    public static void readRows(Path file, Header h, long firstRow, int rows, float[] dst) throws IOException {
        int per = (int) h.rowSize();
        int bytes = h.elementBytes();
        ByteBuffer buf = ByteBuffer.allocate(rows * per * bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = h.dataOffset() + firstRow * per * bytes;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new NpyFormatException(file + " ended early");
                }
            }
        }
        buf.flip();
        if (bytes == 4) {
            buf.asFloatBuffer().get(dst, 0, rows * per);
        } else {
            for (int i = 0; i < rows * per; i++) {
                dst[i] = (float) buf.getDouble(8 * i);
            }
        }
    }

    /** Reads a whole (small) array as floats. */
    public static float[] readAll(Path file) throws IOException {
        Header h = readHeader(file);
        if (h.size() > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(file + " is too large to read at once");
        }
        float[] out = new float[(int) h.size()];
        readRows(file, h, 0, (int) (h.shape().length == 0 ? 1 : h.shape()[0]), out);
        return out;
    }

    /** A .npy file whose content or header cannot be used; the message names the file. */
    public static final class NpyFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public NpyFormatException(String message) {
            super(message);
        }
    }

    /** Streams one .npy file's data (after its header) to {@code out}. */
    public static void copyData(Path file, OutputStream out) throws IOException {
        Header h = readHeader(file);
        if (!h.descr().equals("<f4")) {
            throw new NpyFormatException(file + " is not float32");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.transferTo(h.dataOffset(), h.size() * h.elementBytes(), java.nio.channels.Channels.newChannel(out));
        }
    }
}
