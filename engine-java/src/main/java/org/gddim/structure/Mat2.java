package org.gddim.structure;

/**
 * 2x2 real matrices as {@code double[4]} row-major {@code [a00, a01, a10, a11]} (the BLOCK2 coefficient layout:
 * CLD's (x, v) blocks, gddim-spec.md 3): products, inverse, transpose, Cholesky and the exact exponential.
 * All in double; every method returns a new array.
 */
public final class Mat2 {
    private Mat2() {}

    public static double[] of(double a00, double a01, double a10, double a11) {
        return new double[] {a00, a01, a10, a11};
    }

    public static double[] identity() {
        return of(1, 0, 0, 1);
    }

    public static double[] mul(double[] a, double[] b) {
        return of(a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
                a[2] * b[1] + a[3] * b[3]);
    }

    public static double[] add(double[] a, double[] b) {
        return of(a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]);
    }

    public static double[] scale(double[] a, double x) {
        return of(x * a[0], x * a[1], x * a[2], x * a[3]);
    }

    public static double[] transpose(double[] a) {
        return of(a[0], a[2], a[1], a[3]);
    }

    public static double det(double[] a) {
        return a[0] * a[3] - a[1] * a[2];
    }

    public static double[] inverse(double[] a) {
        double d = det(a);
        if (d == 0 || !Double.isFinite(d)) {
            throw new ArithmeticException("singular 2x2 matrix " + java.util.Arrays.toString(a));
        }
        return of(a[3] / d, -a[1] / d, -a[2] / d, a[0] / d);
    }

    /** Lower-triangular L with {@code L L^T = a} for a symmetric positive semi-definite a (zero where a is singular). */
    public static double[] cholesky(double[] a) {
        double lxx = Math.sqrt(Math.max(0, a[0]));
        double lvx = lxx > 0 ? a[2] / lxx : 0;
        double lvv = Math.sqrt(Math.max(0, a[3] - lvx * lvx));
        return of(lxx, 0, lvx, lvv);
    }

    /** The rotation {@code [[cos t, -sin t], [sin t, cos t]]}. */
    public static double[] rotation(double theta) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return of(c, -s, s, c);
    }

    /**
     * {@code exp(a)} exactly: with {@code m = tr(a)/2} and {@code d^2 = m^2 - det(a)},
     * {@code exp(a) = e^m [cosh(d) I + sinh(d)/d (a - m I)]} (cos/sin for d^2 < 0; the series of sinh(d)/d
     * near d = 0, the critically damped case).
     */
    public static double[] exp(double[] a) {
        double m = 0.5 * (a[0] + a[3]);
        double d2 = m * m - det(a);
        double c;
        double sOverD;
        if (Math.abs(d2) < 1e-8) { // cosh(d) and sinh(d)/d as series in d^2, exact to rounding for |d2| < 1e-8
            c = 1 + d2 / 2 + d2 * d2 / 24;
            sOverD = 1 + d2 / 6 + d2 * d2 / 120;
        } else if (d2 > 0) {
            double d = Math.sqrt(d2);
            c = Math.cosh(d);
            sOverD = Math.sinh(d) / d;
        } else {
            double d = Math.sqrt(-d2);
            c = Math.cos(d);
            sOverD = Math.sin(d) / d;
        }
        double e = Math.exp(m);
        return of(e * (c + sOverD * (a[0] - m)), e * sOverD * a[1], e * sOverD * a[2], e * (c + sOverD * (a[3] - m)));
    }
}
