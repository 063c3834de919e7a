package org.gddim.process;

import org.gddim.structure.Structure;

/**
 * Blurring diffusion (Hoogeboom and Salimans 2023) as in the gDDIM code (gddim-spec.md 4): in the orthonormal
 * DCT-II basis {@code y = V^T x} of each h x w channel, frequency {@code (k, l)} is a scalar process with signal
 * scale {@code alpha_kl(t) = a_t d_kl(t)} and the shared noise std {@code sigma_t}:
 * {@code a = cos(theta_t)}, {@code sigma = sin(theta_t)}, {@code theta_t = (t + 0.004)/1.008 pi/2}
 * (abar = cos^2, unnormalised), {@code d_kl = (1 - dMin) exp(-Lambda_kl tau_t) + dMin},
 * {@code Lambda_kl = (pi k/h)^2 + (pi l/w)^2}, {@code tau_t = sigma_blur(t)^2/2},
 * {@code sigma_blur(t) = sigmaBlurMax sin^2(pi t/2)}. So {@code Psi = alpha(t)/alpha(s)} and {@code R_t = sigma_t}
 * per frequency (DIAGONAL, m = h w maps shared by the channels). The state is the DCT coefficients (B, C, h, w);
 * the data are their inverse DCT. The grid noise level is the base {@code rho = sigma/a = tan(theta)}.
 */
public final class Bdm implements Process, NoiseLevel {
    private static final double OFFSET = 0.004;
    private static final double SPAN = 1.008;
    private static final double DTHETA = Math.PI / 2 / SPAN;

    private final int h;
    private final int w;
    private final double sigmaBlurMax;
    private final double dMin;
    private final double[] lambda; // Lambda_kl, (h w)

    public Bdm(int h, int w, double sigmaBlurMax, double dMin) {
        if (h < 1 || w < 1 || !(sigmaBlurMax >= 0) || !(dMin > 0 && dMin <= 1)) {
            throw new IllegalArgumentException("BDM needs h, w >= 1, sigmaBlurMax >= 0, 0 < dMin <= 1");
        }
        this.h = h;
        this.w = w;
        this.sigmaBlurMax = sigmaBlurMax;
        this.dMin = dMin;
        this.lambda = new double[h * w];
        for (int k = 0; k < h; k++) {
            for (int l = 0; l < w; l++) {
                double wk = Math.PI * k / h;
                double wl = Math.PI * l / w;
                lambda[k * w + l] = wk * wk + wl * wl;
            }
        }
    }

    /**
     * gDDIM's CIFAR-10 setting (sigmaBlurMax = 10 at 32 x 32, dMin = 0.001), with sigmaBlurMax scaled by
     * max(h, w)/32 so that each relative frequency is blurred as at 32 x 32.
     */
    public static Bdm forImages(int h, int w) {
        return new Bdm(h, w, 10.0 * Math.max(h, w) / 32.0, 0.001);
    }

    /** Image height and width of one channel; m = h w coefficients per map. */
    public int height() {
        return h;
    }

    public int width() {
        return w;
    }

    private static double theta(double t) {
        return (t + OFFSET) * DTHETA;
    }

    public double a(double t) {
        return Math.cos(theta(t));
    }

    public double sigma(double t) {
        return Math.sin(theta(t));
    }

    private double tau(double t) {
        double s = Math.sin(Math.PI * t / 2);
        double blur = sigmaBlurMax * s * s;
        return 0.5 * blur * blur;
    }

    private double dTau(double t) {
        double s = Math.sin(Math.PI * t / 2);
        return sigmaBlurMax * s * s * sigmaBlurMax * Math.PI / 2 * Math.sin(Math.PI * t);
    }

    /** {@code alpha_kl(t)}, (h w). */
    public double[] alpha(double t) {
        double a = a(t);
        double tau = tau(t);
        double[] out = new double[lambda.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a * ((1 - dMin) * Math.exp(-lambda[i] * tau) + dMin);
        }
        return out;
    }

    @Override
    public String name() {
        return "bdm";
    }

    @Override
    public Structure structure() {
        return Structure.DIAGONAL;
    }

    @Override
    public Readout readout() {
        return Readout.INVERSE_DCT;
    }

    /** {@code t(rho = 80)}, where the gDDIM code starts sampling (spec 4.4). */
    @Override
    public double defaultTMax() {
        return tOfRho(80);
    }

    @Override
    public double defaultTMin() {
        return 1e-5;
    }

    @Override
    public double tLimit() {
        return 1.0;
    }

    @Override
    public double rho(double t) {
        return Math.tan(theta(t));
    }

    @Override
    public double tOfRho(double rho) {
        return Math.atan(rho) / DTHETA - OFFSET;
    }

    @Override
    public double[] transition(double t, double s) {
        double[] at = alpha(t);
        double[] as = alpha(s);
        for (int i = 0; i < at.length; i++) {
            at[i] /= as[i];
        }
        return at;
    }

    @Override
    public double[] transitionTimesFrame(double t, double r) {
        double[] psi = transition(t, r);
        double sr = sigma(r);
        for (int i = 0; i < psi.length; i++) {
            psi[i] *= sr;
        }
        return psi;
    }

    @Override
    public double[] frame(double t) {
        double[] out = new double[lambda.length];
        java.util.Arrays.fill(out, sigma(t));
        return out;
    }

    /** {@code f_kl = d log alpha_kl/dt = -tan(theta) theta' - (1 - dMin) Lambda e^{-Lambda tau} tau' / d_kl}. */
    @Override
    public double[] drift(double t) {
        double base = -Math.tan(theta(t)) * DTHETA;
        double tau = tau(t);
        double dTau = dTau(t);
        double[] out = new double[lambda.length];
        for (int i = 0; i < out.length; i++) {
            double e = (1 - dMin) * Math.exp(-lambda[i] * tau);
            out[i] = base - e * lambda[i] * dTau / (e + dMin);
        }
        return out;
    }

    /** {@code W_kl = d sigma/dt - f_kl sigma} (the eps weight of the flow, R = sigma). */
    @Override
    public double[] epsWeight(double t) {
        double[] f = drift(t);
        double s = sigma(t);
        double ds = Math.cos(theta(t)) * DTHETA;
        for (int i = 0; i < f.length; i++) {
            f[i] = ds - f[i] * s;
        }
        return f;
    }

    /** {@code g_kl = sqrt(2 sigma W_kl)} (from {@code g^2 = d sigma^2/dt - 2 f sigma^2}). */
    @Override
    public double[] diffusion(double t) {
        double[] wt = epsWeight(t);
        double s = sigma(t);
        for (int i = 0; i < wt.length; i++) {
            wt[i] = Math.sqrt(2 * s * wt[i]);
        }
        return wt;
    }

    @Override
    public double[] covariance(double t) {
        double s = sigma(t);
        double[] out = new double[lambda.length];
        java.util.Arrays.fill(out, s * s);
        return out;
    }

    @Override
    public double priorStd(double tMax) {
        return 1.0;
    }

    /** The scalar closed form of spec 1.6 per frequency, with {@code a -> alpha_kl}. */
    @Override
    public LambdaTransition lambdaTransition(double t, double s, double lambdaNoise) {
        double l2 = lambdaNoise * lambdaNoise;
        double[] at = alpha(t);
        double[] as = alpha(s);
        double st = sigma(t);
        double ss = sigma(s);
        double[] psiHat = new double[at.length];
        double[] p = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double logRatio = Math.log(at[i] / as[i]);
            psiHat[i] = Math.exp(-l2 * logRatio + (1 + l2) * Math.log(st / ss));
            double logRho = Math.log(st / ss) - logRatio; // log(rho_t / rho_s) per frequency
            p[i] = -st * st * Math.expm1(2 * l2 * logRho);
        }
        return new LambdaTransition(psiHat, p);
    }
}
