package org.gddim.model;

import java.util.Arrays;

/** Shape of one sample, e.g. {@code (2)} for points or {@code (3, 16, 16)} for images (C, H, W). */
public record DataShape(int[] dims) {
    public DataShape {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a data shape needs at least one dimension");
        }
        long size = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("data dimensions must be >= 1, got " + Arrays.toString(dims));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a sample of shape " + Arrays.toString(dims) + " is too large");
        }
        dims = dims.clone();
    }

    public static DataShape of(int... dims) {
        return new DataShape(dims);
    }

    /** Number of elements of one sample, D. */
    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataShape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims).replace('[', '(').replace(']', ')');
    }
}
