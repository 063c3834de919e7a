package org.gddim.executor;

import java.util.Arrays;

/** Shape arithmetic shared by shape inference, the interpreter and the GPU launches (numpy broadcasting). */
final class Shapes {
    private Shapes() {}

    /** Row-major strides (in elements) of {@code shape}. */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The numpy broadcast of two shapes, or null when they do not broadcast. */
    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /**
     * Strides (in elements) with which an operand of shape {@code in} is read when broadcast to {@code out}:
     * 0 along broadcast dimensions, right-aligned as numpy does.
     */
    static long[] broadcastStrides(long[] in, long[] out) {
        long[] s = strides(in);
        long[] r = new long[out.length];
        int off = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            r[i + off] = in[i] == 1 && out[i + off] != 1 ? 0 : s[i];
        }
        return r;
    }

    /** A possibly negative axis normalised into [0, rank). */
    static int axis(long axis, int rank, String where) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new OnnxProgramException(where + ": axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    static String str(long[] shape) {
        return Arrays.toString(shape);
    }
}
