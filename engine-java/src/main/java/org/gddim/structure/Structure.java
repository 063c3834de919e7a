package org.gddim.structure;

/**
 * How a process' linear maps act on the state, which fixes the layout of coefficient arrays and which fused
 * kernel a backend runs; also the double-precision algebra of those arrays (products, inverses, Cholesky) that
 * plans are computed with. Solvers never branch on it; plans carry it to the backend.
 *
 * <p>Layouts (the state layouts are in the org.gddim.process package doc): SCALAR {@code [a]}, one number applied to every element;
 * BLOCK2 {@code [a_xx, a_xv, a_vx, a_vv]} ({@link Mat2}), a 2x2 matrix on the (x, v) pair of every element of a
 * state (B, 2, D); DIAGONAL {@code [a_0 .. a_{m-1}]}, element i of a sample uses {@code a_{i mod m}} (BDM's
 * per-frequency maps, m = H W, shared by the channels).
 */
public enum Structure {
    /** A multiple of the identity: one coefficient per term, applied to every element (VP, VE, EDM, FDM). */
    SCALAR,
    /** 2x2 blocks on the (x, v) planes of a CLD state. */
    BLOCK2,
    /** A diagonal in a fixed basis (BDM's DCT coefficients), one coefficient per coordinate of the map. */
    DIAGONAL;

    /** The product {@code a b} of two maps in this layout (for DIAGONAL, element by element). */
    public double[] mul(double[] a, double[] b) {
        if (this == BLOCK2) {
            return Mat2.mul(a, b);
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** {@code a + x b}. */
    public double[] addScaled(double[] a, double x, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + x * b[i];
        }
        return out;
    }

    public double[] scale(double[] a, double x) {
        return addScaled(new double[a.length], x, a);
    }

    public double[] inverse(double[] a) {
        if (this == BLOCK2) {
            return Mat2.inverse(a);
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = 1 / a[i];
        }
        return out;
    }

    public double[] transpose(double[] a) {
        return this == BLOCK2 ? Mat2.transpose(a) : a.clone();
    }

    /** The identity map with {@code like}'s length. */
    public double[] identity(double[] like) {
        if (this == BLOCK2) {
            return Mat2.identity();
        }
        double[] out = new double[like.length];
        java.util.Arrays.fill(out, 1.0);
        return out;
    }

    /** The lower-triangular (for diagonal layouts, the elementwise) square root of a symmetric PSD map. */
    public double[] cholesky(double[] a) {
        if (this == BLOCK2) {
            return Mat2.cholesky(a);
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.sqrt(Math.max(0, a[i]));
        }
        return out;
    }

    /** {@code out += a u} for one sample: {@code u} and {@code out} hold that sample's {@code u.length} state elements. */
    public void applyAdd(double[] a, double[] u, double[] out) {
        switch (this) {
            case SCALAR -> {
                for (int i = 0; i < u.length; i++) {
                    out[i] += a[0] * u[i];
                }
            }
            case BLOCK2 -> {
                int p = u.length / 2;
                for (int i = 0; i < p; i++) {
                    double x = u[i];
                    double v = u[p + i];
                    out[i] += a[0] * x + a[1] * v;
                    out[p + i] += a[2] * x + a[3] * v;
                }
            }
            case DIAGONAL -> {
                for (int i = 0; i < u.length; i++) {
                    out[i] += a[i % a.length] * u[i];
                }
            }
        }
    }

    /** Largest absolute entry (for error scales). */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
