package org.gddim.solver.coeff;

import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;

/**
 * DPM-Solver++ multistep coefficients (Lu et al. 2022, Algorithm 2 and its third-order extension;
 * pndm-fdm-ld3-spec.md 4.1-4.3) on the data predictions {@code m_k, m_{k-1}, ..}, newest first, in the half log-SNR
 * {@code lambda = log(a / sigma) = -log rho}: {@code x_{k+1} = (sigma_{k+1}/sigma_k) x_k + sum_j c_j m_{k-j}}.
 */
public final class DpmSolverCoefficients {
    private DpmSolverCoefficients() {}

    /** {@code h_i = lambda_{i+1} - lambda_i = log(rho_i / rho_{i+1})}. */
    public static double h(ScalarProcess p, TimeGrid grid, int i) {
        return Math.log(p.rho(grid.at(i)) / p.rho(grid.at(i + 1)));
    }

    /** Coefficients of {@code m_k, m_{k-1}, ..} (newest first) for step k of order q in 1..3. */
    public static double[] of(ScalarProcess p, TimeGrid grid, int k, int q) {
        double h = h(p, grid, k);
        double a = p.alpha(grid.at(k + 1)); // a_{k+1}
        double z = -h;
        double phi1 = -a * z * PhiFunctions.phi(1, z); // -a (e^{-h} - 1): the weight of m_k (order 1 = DDIM)
        switch (q) {
            case 1 -> {
                return new double[] {phi1};
            }
            case 2 -> { // 2M: m_k -> D = (1 + 1/(2 r0)) m_k - 1/(2 r0) m_{k-1}
                double r0 = h(p, grid, k - 1) / h;
                return new double[] {phi1 * (1 + 1 / (2 * r0)), -phi1 / (2 * r0)};
            }
            default -> { // 3M: x_{k+1} = .. - a phi1 m_k + a phi2 D1 - a phi3 D2
                double r0 = h(p, grid, k - 1) / h;
                double r1 = h(p, grid, k - 2) / h;
                double phi2 = -a * z * PhiFunctions.phi(2, z); // weight of D1 (+ a phi2, phi2 = -z phi_2(z))
                double phi3 = -a * z * PhiFunctions.phi(3, z); // weight of D2 (- a phi3, phi3 = z phi_3(z))
                // d0 = (m_k - m_{k-1}) / r0, d1 = (m_{k-1} - m_{k-2}) / r1;
                // D1 = d0 + r0/(r0 + r1) (d0 - d1) = (1 + r0/(r0 + r1)) d0 - r0/(r0 + r1) d1, D2 = (d0 - d1)/(r0 + r1)
                double d1OfD0 = 1 + r0 / (r0 + r1);
                double d1OfD1 = r0 / (r0 + r1);
                double d2 = 1 / (r0 + r1);
                double onD0 = (phi2 * d1OfD0 + phi3 * d2) / r0; // phi2 D1 + phi3 D2 on m_k - m_{k-1}
                double onD1 = (phi2 * d1OfD1 + phi3 * d2) / r1; // .. on -(m_{k-1} - m_{k-2})
                return new double[] {phi1 + onD0, -onD0 - onD1, onD1};
            }
        }
    }
}
