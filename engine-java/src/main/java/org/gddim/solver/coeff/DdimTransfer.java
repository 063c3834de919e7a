package org.gddim.solver.coeff;

import org.gddim.process.Process;

/**
 * The DDIM transfer {@code phi(u, e; s -> t)} of the pseudo-numerical methods (PNDM, iPNDM, EDM Euler/Heun;
 * pndm-fdm-ld3-spec.md 1), written as gDDIM's order-0 step so that it applies to every process:
 * {@code phi = Psi(t, s) u + C0 e} with {@code C0 = R_t - Psi(t, s) R_s = Phi(t, t) - Phi(t, s)}
 * (gddim-spec.md 1.5 and 2.3). For a scalar process {@code C0 = a_t (rho_t - rho_s)}: the Euler step in
 * {@code rho = sigma/a} of the hat frame (spec 1, form 3). A noise estimate that is a weighted sum of stored
 * eps values, {@code e = sum_j w_j eps_j}, gives the fused step's coefficients {@code c_j = w_j C0}: scalar
 * multiples of a linear map, valid in every coefficient layout.
 *
 * @param psi {@code Psi(t, s)} in the process' layout
 * @param c0 {@code C0} in the process' layout
 */
public record DdimTransfer(double[] psi, double[] c0) {
    /** The transfer from {@code s} to {@code t} under {@code process}. */
    public static DdimTransfer of(Process process, double s, double t) {
        double[] phiT = process.transitionTimesFrame(t, t);
        double[] phiS = process.transitionTimesFrame(t, s);
        double[] c0 = new double[phiT.length];
        for (int i = 0; i < c0.length; i++) {
            c0[i] = phiT[i] - phiS[i];
        }
        return new DdimTransfer(process.transition(t, s), c0);
    }

    /** {@code w C0}: the coefficient of an eps that enters the noise estimate with weight {@code w}. */
    public double[] times(double w) {
        double[] c = c0.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= w;
        }
        return c;
    }

    /** The coefficients {@code w_j C0} of a whole weight vector. */
    public double[][] times(double[] w) {
        double[][] c = new double[w.length][];
        for (int j = 0; j < w.length; j++) {
            c[j] = times(w[j]);
        }
        return c;
    }
}
