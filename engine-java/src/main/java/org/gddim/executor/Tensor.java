package org.gddim.executor;

import java.util.Arrays;

/**
 * A host tensor: element type, shape and row-major values held as doubles (exact for every supported type;
 * float32 tensors hold float32-rounded values). Constants of a program and the interpreter's activations.
 * Treated as immutable once built.
 */
public record Tensor(ElemType type, long[] shape, double[] data) {
    public Tensor {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size(shape) + " values, got "
                    + data.length);
        }
    }

    /** A float32 tensor (values rounded to float). */
    public static Tensor floats(long[] shape, double[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) values[i];
        }
        return new Tensor(ElemType.FLOAT, shape.clone(), d);
    }

    public static Tensor floats(long[] shape, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(ElemType.FLOAT, shape.clone(), d);
    }

    public static Tensor longs(long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(ElemType.INT64, new long[] {values.length}, d);
    }

    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long size() {
        return data.length;
    }

    public int rank() {
        return shape.length;
    }

    /** The values as longs (shapes, axes, indices). */
    public long[] longs() {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) data[i];
        }
        return out;
    }

    public float[] toFloats() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data[i];
        }
        return out;
    }

    /** The same values under another shape of equal size. */
    public Tensor reshape(long[] newShape) {
        return new Tensor(type, newShape, data);
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
