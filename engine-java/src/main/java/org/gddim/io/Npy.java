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

    /** Reads and checks the header of {@code file}. */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, MAX_HEADER_READ));
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // a channel may return fewer bytes than asked for
            }
            return parseHeader(Arrays.copyOf(head.array(), head.position()), size, file.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " does not exist");
        }
    }

    /** The most header bytes read: the 12-byte preamble plus {@link #MAX_HEADER_BYTES}. */
    private static final int MAX_HEADER_READ = 12 + (1 << 16);
    /** Longest header dict accepted (NumPy writes a few hundred bytes; version 2 allows 4 GiB). */
    static final int MAX_HEADER_BYTES = 1 << 16;

    /**
     * Parses a .npy header from the first bytes of a file of {@code fileSize} bytes; {@code name} starts every
     * error message. Checks the magic, version, dict (dtype, order, shape: non-negative dimensions whose product
     * fits in a long) and that the file holds all the data the shape needs.
     */
    public static Header parseHeader(byte[] first, long fileSize, String name) throws NpyFormatException {
        ByteBuffer pre = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        if (first.length < 10 || !Arrays.equals(Arrays.copyOf(first, 6), MAGIC)) {
            throw new NpyFormatException(name + " is not a .npy file (no \\x93NUMPY magic at its start)");
        }
        int major = pre.get(6);
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(pre.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (first.length < 12) {
                throw new NpyFormatException(name + " is truncated: it ends inside the .npy preamble");
            }
            headerLen = Integer.toUnsignedLong(pre.getInt(8));
            headerStart = 12;
        } else {
            throw new NpyFormatException(name + ": unsupported .npy format version " + major);
        }
        if (fileSize < headerStart + headerLen) {
            throw new NpyFormatException(name + " is truncated: its .npy header declares " + headerLen
                    + " bytes after byte " + headerStart + ", the file has " + fileSize + " bytes");
        }
        if (headerLen > MAX_HEADER_BYTES || first.length < headerStart + headerLen) {
            throw new NpyFormatException(name + ": its .npy header declares " + headerLen + " bytes; at most "
                    + MAX_HEADER_BYTES + " are accepted");
        }
        String header = new String(first, headerStart, (int) headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(name + ": unreadable .npy header: " + Printable.of(header.strip()));
        }
        String descr = d.group(1);
        if (!descr.equals("<f4") && !descr.equals("<f8")) {
            throw new NpyFormatException(name + " holds dtype '" + Printable.of(descr)
                    + "'; expected little-endian float32 ('<f4') or float64 ('<f8')");
        }
        if (f.group(1).equals("True")) {
            throw new NpyFormatException(name + " is in Fortran order; save it in C order (np.ascontiguousarray)");
        }
        String[] parts = s.group(1).isBlank() ? new String[0] : s.group(1).split(",", -1); // "()": a 0-d array
        long[] shape = new long[parts.length];
        int dims = 0;
        long elements = 1;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty() && i == parts.length - 1 && i > 0) {
                break; // the trailing comma of a 1-tuple, "(5,)"
            }
            long dim;
            try {
                dim = Long.parseLong(part);
            } catch (NumberFormatException e) {
                dim = -1;
            }
            if (dim < 0) {
                throw new NpyFormatException(name + ": .npy shape (" + Printable.of(s.group(1)) + ") is not a tuple of "
                        + "non-negative integers");
            }
            shape[dims++] = dim;
            try {
                elements = Math.multiplyExact(elements, dim);
            } catch (ArithmeticException e) {
                throw new NpyFormatException(name + ": .npy shape (" + Printable.of(s.group(1)) + ") has more elements "
                        + "than a file can hold");
            }
        }
        Header h = new Header(descr, Arrays.copyOf(shape, dims), headerStart + headerLen);
        if (elements > (fileSize - h.dataOffset()) / h.elementBytes()) {
            throw new NpyFormatException(name + " is truncated: shape " + h.shapeString() + " needs "
                    + (elements > Long.MAX_VALUE / 8 ? "more than 2^60" : String.valueOf(h.dataOffset() + elements * h.elementBytes()))
                    + " bytes, the file has " + fileSize);
        }
        return h;
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
