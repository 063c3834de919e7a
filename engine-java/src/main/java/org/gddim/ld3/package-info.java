/**
 * LD3, "Learning to Discretize Denoising Diffusion ODEs" (Tong et al., ICLR 2025; pndm-fdm-ld3-spec.md section 6):
 * learns the N + 1 times of an N-step solve so that the student's endpoint matches a many-NFE teacher's from the same
 * noise. Conventions, stated once for the package:
 * <ul>
 *   <li>Grids are decreasing, {@code t[0] = T > .. > t[N] = t_min} (org.gddim.schedule). The learned variables are
 *       the grid logits {@code theta} (N + 1 values, {@code theta[0]} cancels and stays 0; {@link LogitGrid}) and the
 *       decoupled network-time offsets {@code xi} (N + 1 values normalised to [-1, 1], ends masked;
 *       {@link DecoupledTimes}). Solver coefficients use {@code t}; only the model calls use {@code t^c}
 *       ({@link org.gddim.solver.Retiming}).</li>
 *   <li>lambda-mode (processes with a scalar noise level, ScalarProcess) interpolates in {@code log rho = -lambda}
 *       and starts at the logSNR-uniform grid; time-mode (CLD, BDM) interpolates in sqrt t and starts
 *       at the quadratic grid.</li>
 *   <li>Noise {@code z} is standard normal of the state's shape, (S, D_state) row-major (S samples, D_state = 2 D
 *       for CLD); the start is {@code u_T = priorStd(T) z} per plane. Endpoints are the data read off the final
 *       state, (S, D) row-major. The distance is L2: per-sample mean squared error per data dimension.</li>
 *   <li>The soft relaxation moves each training sample's start within {@code ||z' - z|| <= r}, {@code r =
 *       gamma D_state / N^2} ({@link SoftBall}).</li>
 * </ul>
 */
package org.gddim.ld3;
