package org.gddim.solver.coeff;

import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;

/**
 * UniPC's coefficients (Zhao et al. 2023, UniP-p Algorithm 2, UniC-p Algorithm 1; pndm-fdm-ld3-spec.md 4.4) on the
 * data predictions, newest first, for step k of order q: {@code h = lambda_{k+1} - lambda_k}, {@code z = -h},
 * {@code r_j = (lambda_{k-j} - lambda_k) / h}, {@code B(h) = z} (bh1) or {@code e^z - 1} (bh2),
 * {@code b_i = i! z phi_{i+1}(z) / B(h)} and {@code rho} solving {@code R rho = b}, {@code R_{ij} = r_j^i}.
 */
public final class UniPcCoefficients {
    private UniPcCoefficients() {}

    /** {@code r_1 .. r_{q-1}} of step k: {@code (lambda_{k-j} - lambda_k) / h}. */
    private static double[] ratios(ScalarProcess p, TimeGrid grid, int k, int q) {
        double h = DpmSolverCoefficients.h(p, grid, k);
        double[] r = new double[q - 1];
        double lambdaK = -Math.log(p.rho(grid.at(k)));
        for (int j = 1; j < q; j++) {
            r[j - 1] = (-Math.log(p.rho(grid.at(k - j))) - lambdaK) / h;
        }
        return r;
    }

    /** {@code B(h)} at {@code z = -h}. */
    private static double bh(boolean bh2, double z) {
        return bh2 ? Math.expm1(z) : z;
    }

    /** {@code b_i = i! z phi_{i+1}(z) / B(h)}, i = 1..n. */
    private static double[] b(boolean bh2, double z, int n) {
        double[] b = new double[n];
        double factorial = 1;
        for (int i = 1; i <= n; i++) {
            factorial *= i;
            b[i - 1] = factorial * z * PhiFunctions.phi(i + 1, z) / bh(bh2, z);
        }
        return b;
    }

    /** Solves {@code R rho = b} with {@code R_{ij} = r_j^{i}}, i, j = 0..n-1. */
    private static double[] rho(double[] r, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = Math.pow(r[j], i);
            }
        }
        return SmallLinearSystem.solve(m, b);
    }

    /** Predictor coefficients on {@code m_k, .., m_{k-q+1}}. */
    public static double[] predictor(ScalarProcess p, TimeGrid grid, int k, int q, boolean bh2) {
        double z = -DpmSolverCoefficients.h(p, grid, k);
        double a = p.alpha(grid.at(k + 1));
        double[] r = ratios(p, grid, k, q);
        double[] rhoP = q == 1 ? new double[0] : q == 2 ? new double[] {0.5} : rho(r, java.util.Arrays.copyOf(b(bh2, z, q), q - 1));
        double[] c = new double[q];
        c[0] = -a * Math.expm1(z);
        double scale = a * bh(bh2, z);
        for (int j = 1; j < q; j++) { // - a B rho_j (m_{k-j} - m_k) / r_j
            c[j] = -scale * rhoP[j - 1] / r[j - 1];
            c[0] += scale * rhoP[j - 1] / r[j - 1];
        }
        return c;
    }

    /** Corrector coefficients on {@code m_{k+1}, m_k, .., m_{k-q+1}}. */
    public static double[] corrector(ScalarProcess p, TimeGrid grid, int k, int q, boolean bh2) {
        double z = -DpmSolverCoefficients.h(p, grid, k);
        double a = p.alpha(grid.at(k + 1));
        double[] r = ratios(p, grid, k, q);
        double[] rAll = java.util.Arrays.copyOf(r, q);
        rAll[q - 1] = 1;
        double[] rhoC = q == 1 ? new double[] {0.5} : rho(rAll, b(bh2, z, q));
        double scale = a * bh(bh2, z);
        double[] c = new double[q + 1];
        c[0] = -scale * rhoC[q - 1]; // m_{k+1}
        c[1] = -a * Math.expm1(z) + scale * rhoC[q - 1];
        for (int j = 1; j < q; j++) {
            c[j + 1] = -scale * rhoC[j - 1] / r[j - 1];
            c[1] += scale * rhoC[j - 1] / r[j - 1];
        }
        return c;
    }
}
