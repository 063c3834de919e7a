package org.gddim.solver.coeff;

/**
 * The phi functions of exponential integrators, {@code phi_0(z) = e^z},
 * {@code phi_{k+1}(z) = (phi_k(z) - 1/k!) / z}, i.e. {@code phi_k(z) = sum_{j>=0} z^j / (j+k)!}. DPM-Solver++
 * (pndm-fdm-ld3-spec.md 4.2: its {@code e^{-h}-1}, {@code (e^{-h}-1)/h+1}, {@code ((e^{-h}-1)/h+1)/h-1/2} are
 * {@code z phi_1}, {@code -z phi_2}, {@code z phi_3} at {@code z = -h}) and UniPC (spec 4.4:
 * {@code psi_i = z phi_{i+1}(z)}) plan their coefficients from them. The recurrence cancels catastrophically
 * for small |z| (a step of h = 0.01 loses 6 digits in phi_3), so below |z| = 1 the Taylor series is summed
 * instead; both are accurate to a few ulps in double.
 */
public final class PhiFunctions {
    private PhiFunctions() {}

    /** Series terms: the remainder after 30 terms is below 1/30! ~ 4e-33 for |z| < 1. */
    private static final int TERMS = 30;

    /** {@code phi_k(z)}, k >= 0. */
    public static double phi(int k, double z) {
        if (k < 0) {
            throw new IllegalArgumentException("phi_k needs k >= 0, got " + k);
        }
        if (k == 0) {
            return Math.exp(z);
        }
        if (Math.abs(z) < 1) {
            double term = 1;
            for (int m = 2; m <= k; m++) {
                term /= m; // 1/k!
            }
            double sum = 0;
            for (int j = 0; j < TERMS; j++) {
                sum += term;
                term *= z / (j + k + 1);
            }
            return sum;
        }
        double p = Math.expm1(z) / z; // phi_1
        double factorial = 1;
        for (int m = 1; m < k; m++) {
            factorial *= m; // m!
            p = (p - 1 / factorial) / z;
        }
        return p;
    }
}
