package org.gddim.backend;

/**
 * The orthonormal 2-D DCT-II of h x w images in double, {@code Y = A_h X A_w^T} with
 * {@code A_N[q][p] = c_q cos(pi (2p + 1) q / (2N))}, {@code c_0 = sqrt(1/N)}, {@code c_q = sqrt(2/N)}, and its
 * inverse {@code X = A_h^T Y A_w} (gddim-spec.md 4.1; scipy's {@code dctn(norm="ortho")}). The reference the
 * native kernel (kernels-cu gdk_dct2_f32) is tested against, and the host-side basis change of the BDM oracle.
 * Immutable (the two basis matrices); thread-safe.
 */
public final class Dct {
    private final int h;
    private final int w;
    private final double[] ah;
    private final double[] aw;

    public Dct(int h, int w) {
        this.h = h;
        this.w = w;
        this.ah = basis(h);
        this.aw = basis(w);
    }

    /** {@code A_n} as a row-major n x n array. */
    public static double[] basis(int n) {
        double[] a = new double[n * n];
        for (int q = 0; q < n; q++) {
            double c = q == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
            for (int p = 0; p < n; p++) {
                a[q * n + p] = c * Math.cos(Math.PI * (2 * p + 1) * q / (2.0 * n));
            }
        }
        return a;
    }

    /** The forward (or inverse) transform of one row-major h x w image; returns a new array. */
    public static double[] transform(double[] x, int h, int w, boolean inverse) {
        double[] y = new double[h * w];
        new Dct(h, w).apply(x, 0, y, 0, inverse);
        return y;
    }

    /** Transforms the image at {@code in[inOff ..]} into {@code out[outOff ..]} (may be the same place). */
    public void apply(double[] in, int inOff, double[] out, int outOff, boolean inverse) {
        double[] t = new double[h * w]; // rows first: t = X A_w^T (forward) or X A_w (inverse)
        for (int r = 0; r < h; r++) {
            for (int l = 0; l < w; l++) {
                double sum = 0;
                for (int q = 0; q < w; q++) {
                    sum += in[inOff + r * w + q] * (inverse ? aw[q * w + l] : aw[l * w + q]);
                }
                t[r * w + l] = sum;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int l = 0; l < w; l++) {
                double sum = 0;
                for (int q = 0; q < h; q++) {
                    sum += (inverse ? ah[q * h + r] : ah[r * h + q]) * t[q * w + l];
                }
                out[outOff + r * w + l] = sum;
            }
        }
    }
}
