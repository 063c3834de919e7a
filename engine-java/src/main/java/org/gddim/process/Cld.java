package org.gddim.process;

import org.gddim.structure.Mat2;
import org.gddim.structure.Structure;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Critically-damped Langevin diffusion (Dockhorn et al. 2022; gddim-spec.md 3), state {@code u = (x, v)}:
 * {@code F_t = beta(t) [[0, 1/M], [-1, -Gamma/M]]}, {@code G_t = [[0, 0], [0, sqrt(2 Gamma beta(t))]]},
 * {@code beta(t) = beta0 + beta1 t}, critical damping {@code Gamma^2 = 4 M}. Closed forms (spec 3.2-3.4) in
 * double: transition, covariance {@code Sigma_t} (with {@code Sigma_0 = diag(epsNum, gamma M + epsNum)}), and
 * gDDIM's frame {@code R_t = L_t rot(theta_t)} with {@code L_t} the Cholesky factor of {@code Sigma_t} and
 * {@code theta' = -beta L_vv / (M L_xx)} ({@link CldRotation}). Prior {@code x ~ N(0, 1)}, {@code v ~ N(0, M)};
 * the data are the x plane of the (B, 2, D) state.
 */
public final class Cld implements Process {
    private final double beta0;
    private final double beta1;
    private final double mass;
    private final double friction;
    private final double gamma;
    private final double epsNum;
    private final CldRotation rotation;

    /**
     * @param mass M; {@code friction} Gamma must equal {@code 2 sqrt(M)} (critical damping)
     * @param gamma initial velocity variance factor (v_0 ~ N(0, gamma M))
     * @param epsNum numerical variance added to both diagonal entries of Sigma_0
     */
    public Cld(double beta0, double beta1, double mass, double friction, double gamma, double epsNum) {
        if (!(beta0 > 0 && beta1 >= 0 && mass > 0 && gamma >= 0 && epsNum > 0)) {
            throw new IllegalArgumentException("CLD needs beta0 > 0, beta1 >= 0, M > 0, gamma >= 0, epsNum > 0");
        }
        if (Math.abs(friction * friction - 4 * mass) > 1e-12 * mass) {
            throw new IllegalArgumentException("the closed forms need critical damping Gamma^2 = 4 M, got Gamma = "
                    + friction + ", M = " + mass);
        }
        this.beta0 = beta0;
        this.beta1 = beta1;
        this.mass = mass;
        this.friction = friction;
        this.gamma = gamma;
        this.epsNum = epsNum;
        this.rotation = new CldRotation(this::thetaRate, 1.5);
    }

    /** The gDDIM / CLD-SGM CIFAR-10 values: beta = 4, M = 0.25, Gamma = 1, gamma = 0.04, epsNum = 1e-6. */
    public static Cld standard() {
        return new Cld(4.0, 0.0, 0.25, 1.0, 0.04, 1e-6);
    }

    public double mass() {
        return mass;
    }

    /** Gamma, the friction (critical damping: Gamma^2 = 4 M). */
    public double friction() {
        return friction;
    }

    public double gamma() {
        return gamma;
    }

    public double epsNum() {
        return epsNum;
    }

    double beta(double t) {
        return beta0 + beta1 * t;
    }

    /** {@code B(t) = int_0^t beta}. */
    public double bigB(double t) {
        return beta0 * t + 0.5 * beta1 * t * t;
    }

    @Override
    public String name() {
        return "cld";
    }

    @Override
    public Structure structure() {
        return Structure.BLOCK2;
    }

    @Override
    public int planes() {
        return 2;
    }

    @Override
    public Readout readout() {
        return Readout.FIRST_PLANE;
    }

    @Override
    public double defaultTMax() {
        return 1.0;
    }

    @Override
    public double defaultTMin() {
        return 1e-3;
    }

    @Override
    public double tLimit() {
        return 1.0;
    }

    /** Spec 3.2: with {@code B = B(t) - B(s)}, {@code y = 4B/Gamma}: {@code e^{-y/2} [[1 + y/2, B/M], [-B, 1 - y/2]]}. */
    @Override
    public double[] transition(double t, double s) {
        double b = bigB(t) - bigB(s);
        double y = 4 * b / friction;
        double e = Math.exp(-0.5 * y);
        return Mat2.of(e * (1 + 0.5 * y), e * b / mass, -e * b, e * (1 - 0.5 * y));
    }

    /** Spec 3.3: {@code Sigma_t = Sigma^(0)(y) + Psi(t,0) Sigma_0 Psi(t,0)^T}, {@code y = 4 B(t)/Gamma}. */
    @Override
    public double[] covariance(double t) {
        double y = 4 * bigB(t) / friction;
        double e = Math.exp(-y);
        double xx = e * expTail3(y);
        double xv = e * friction * y * y / 4;
        double vv = mass * e * (Math.expm1(y) + y - 0.5 * y * y);
        double[] psi = transition(t, 0);
        double[] initial = Mat2.of(epsNum, 0, 0, gamma * mass + epsNum);
        double[] prop = Mat2.mul(Mat2.mul(psi, initial), Mat2.transpose(psi));
        return Mat2.of(xx + prop[0], xv + prop[1], xv + prop[2], vv + prop[3]);
    }

    /** {@code e^y - 1 - y - y^2/2} without cancellation (series below y = 1). */
    static double expTail3(double y) {
        if (y >= 1) {
            return Math.expm1(y) - y - 0.5 * y * y;
        }
        double term = y * y * y / 6;
        double sum = 0;
        for (int n = 4; Math.abs(term) > 1e-18 * Math.abs(sum) || n < 6; n++) {
            sum += term;
            term *= y / n;
        }
        return sum;
    }

    /** {@code theta'(t) = -beta(t) L_vv / (M L_xx)}, spec 3.4. */
    private double thetaRate(double t) {
        double[] l = Mat2.cholesky(covariance(t));
        return -beta(t) * l[3] / (mass * l[0]);
    }

    /** The rotation angle of {@code R_t} against the Cholesky factor ({@code theta_0 = 0}). */
    public double theta(double t) {
        return rotation.theta(t);
    }

    @Override
    public double[] frame(double t) {
        return Mat2.mul(Mat2.cholesky(covariance(t)), Mat2.rotation(theta(t)));
    }

    @Override
    public double[] transitionTimesFrame(double t, double r) {
        return Mat2.mul(transition(t, r), frame(r));
    }

    @Override
    public double[] drift(double t) {
        double b = beta(t);
        return Mat2.of(0, b / mass, -b, -b * friction / mass);
    }

    @Override
    public double[] diffusion(double t) {
        return Mat2.of(0, 0, 0, Math.sqrt(2 * friction * beta(t)));
    }

    @Override
    public double priorStd(double tMax) {
        return 1.0;
    }

    @Override
    public double priorStd(double tMax, int plane) {
        return plane == 0 ? 1.0 : Math.sqrt(mass);
    }

    /**
     * Integrates {@code dX/dr = F_hat X} ({@code X = psiHat(r, s)}) and
     * {@code dP/dr = F_hat P + P F_hat^T - lambda^2 G G^T} (P PSD, pitfall P6) from {@code r = s} down to
     * {@code t} with Dormand-Prince 8(5,3) at tolerance 1e-12, {@code F_hat = F + (1 + lambda^2)/2 G G^T Sigma^{-1}}.
     */
    @Override
    public LambdaTransition lambdaTransition(double t, double s, double lambda) {
        double l2 = lambda * lambda;
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 7;
            }

            @Override
            public double[] computeDerivatives(double r, double[] y) {
                double[] g = diffusion(r);
                double[] ggT = Mat2.mul(g, Mat2.transpose(g));
                double[] fHat = Mat2.add(drift(r), Mat2.scale(Mat2.mul(ggT, Mat2.inverse(covariance(r))), 0.5 * (1 + l2)));
                double[] x = Mat2.mul(fHat, new double[] {y[0], y[1], y[2], y[3]});
                double[] p = {y[4], y[5], y[5], y[6]};
                double[] fp = Mat2.mul(fHat, p);
                double[] dp = Mat2.add(Mat2.add(fp, Mat2.transpose(fp)), Mat2.scale(ggT, -l2));
                return new double[] {x[0], x[1], x[2], x[3], dp[0], dp[1], dp[3]};
            }
        };
        var integrator = new DormandPrince853Integrator(1e-14 * (s - t), s - t, 1e-13, 1e-12);
        double[] y = integrator.integrate(ode, new ODEState(s, new double[] {1, 0, 0, 1, 0, 0, 0}), t).getPrimaryState();
        return new LambdaTransition(Mat2.of(y[0], y[1], y[2], y[3]), Mat2.of(y[4], y[5], y[5], y[6]));
    }
}
