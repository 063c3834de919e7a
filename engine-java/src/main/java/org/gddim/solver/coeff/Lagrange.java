package org.gddim.solver.coeff;

/** Lagrange basis polynomials {@code l_j(r) = prod_{m != j} (r - x_m) / (x_j - x_m)} on distinct nodes x. */
public final class Lagrange {
    private Lagrange() {}

    /** {@code l_j(r)}. */
    public static double basis(double[] x, int j, double r) {
        double v = 1;
        for (int m = 0; m < x.length; m++) {
            if (m != j) {
                v *= (r - x[m]) / (x[j] - x[m]);
            }
        }
        return v;
    }

    /** {@code l_j'(r)} by the product rule (finite at the nodes, unlike the logarithmic-derivative form). */
    public static double derivative(double[] x, int j, double r) {
        double sum = 0;
        for (int m = 0; m < x.length; m++) {
            if (m == j) {
                continue;
            }
            double term = 1 / (x[j] - x[m]);
            for (int l = 0; l < x.length; l++) {
                if (l != j && l != m) {
                    term *= (r - x[l]) / (x[j] - x[l]);
                }
            }
            sum += term;
        }
        return sum;
    }
}
