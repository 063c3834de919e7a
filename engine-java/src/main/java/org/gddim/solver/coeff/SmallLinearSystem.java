package org.gddim.solver.coeff;

/**
 * Solves a small dense linear system {@code A x = b} (UniPC's {@code R rho = b}, spec 4.4; at most 4 x 4) by
 * Gaussian elimination with partial pivoting, in double.
 */
public final class SmallLinearSystem {
    private SmallLinearSystem() {}

    /** {@code x} with {@code a x = b}; throws ArithmeticException if {@code a} is singular. The inputs are not changed. */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("need a square " + n + " x " + n + " matrix");
            }
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0) {
                throw new ArithmeticException("singular " + n + " x " + n + " system");
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
