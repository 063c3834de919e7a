package org.gddim.process;

/**
 * FDM, the momentum-accelerated (critically damped) forward process of Wu et al. 2023 as the official code
 * realises it (pndm-fdm-ld3-spec.md 5.3): the host framework's noise level {@code rho = sigma_host/a_host}
 * (EDM's sigma) is kept and its scale is replaced by {@code mu(rho) = (1 + m B) e^{-m B}},
 * {@code B = betaMin tau + betaD tau^2 / 2}, {@code tau = (rho - sigmaMin)/(sigmaMax - sigmaMin)} (linear in rho,
 * normalised by the network's sigma range): {@code x_t = mu (x_0 + rho z)}, so {@code a_t = mu(rho_t)},
 * {@code sigma_t = mu(rho_t) rho_t}. A scalar process: every scalar solver and oracle applies unchanged.
 */
public record Fdm(ScalarProcess host, double sigmaMin, double sigmaMax, double multiplier) implements ScalarProcess {
    private static final double BETA_MIN = 0.1;
    private static final double BETA_D = 19.9;

    public Fdm {
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin && multiplier > 0)) {
            throw new IllegalArgumentException("FDM needs 0 < sigmaMin < sigmaMax and a positive multiplier");
        }
    }

    /** VP-FDM over score-SDE VP: sigma range [rho_VP(1e-5), rho_VP(1)] = [0.0010, 152.2], m = 2 (CIFAR-10 command). */
    public static Fdm vp() {
        Vp vp = Vp.linear();
        return new Fdm(vp, vp.rho(1e-5), vp.rho(1.0), 2.0);
    }

    /** VE-FDM over score-SDE VE: sigma range [0.02, 100]; the official code ignores m there (m = 1). */
    public static Fdm ve() {
        return new Fdm(Ve.standard(), 0.02, 100.0, 1.0);
    }

    /** EDM-FDM: sigma range [0.002, 80], m = 2 (CIFAR-10 command). */
    public static Fdm edm() {
        return new Fdm(Edm.standard(), 0.002, 80.0, 2.0);
    }

    @Override
    public String name() {
        return "fdm-" + host.name();
    }

    private double tau(double rho) {
        return (rho - sigmaMin) / (sigmaMax - sigmaMin);
    }

    /** {@code m B(tau(rho))}. */
    private double mB(double rho) {
        double tau = tau(rho);
        return multiplier * (BETA_MIN * tau + 0.5 * BETA_D * tau * tau);
    }

    /** {@code log mu(rho) = log(1 + mB) - mB}. */
    public double logMu(double rho) {
        double mb = mB(rho);
        return Math.log1p(mb) - mb;
    }

    @Override
    public double defaultTMax() {
        return host.defaultTMax();
    }

    @Override
    public double defaultTMin() {
        return host.defaultTMin();
    }

    @Override
    public double tLimit() {
        return host.tLimit();
    }

    @Override
    public double logAlpha(double t) {
        return logMu(host.rho(t));
    }

    @Override
    public double sigma(double t) {
        double rho = host.rho(t);
        return Math.exp(logMu(rho)) * rho;
    }

    @Override
    public double rho(double t) {
        return host.rho(t);
    }

    @Override
    public double tOfRho(double rho) {
        return host.tOfRho(rho);
    }

    /** {@code d log mu/dt = -m^2 B/(1 + m B) (betaMin + betaD tau)/(sigmaMax - sigmaMin) rho'}, {@code rho' = g_host/a_host}. */
    @Override
    public double dLogAlpha(double t) {
        double rho = host.rho(t);
        double mb = mB(rho);
        double dRho = host.flowEpsWeight(t) / host.alpha(t);
        return -multiplier * mb / (1 + mb) * (BETA_MIN + BETA_D * tau(rho)) / (sigmaMax - sigmaMin) * dRho;
    }

    /** {@code d(mu rho)/dt = mu rho' + sigma d log mu/dt}. */
    @Override
    public double dSigma(double t) {
        double rho = host.rho(t);
        double dRho = host.flowEpsWeight(t) / host.alpha(t);
        return Math.exp(logMu(rho)) * dRho + sigma(t) * dLogAlpha(t);
    }

    /** {@code mu(rho_T) sqrt(1 + rho_T^2)}: the std of {@code x_T} for data of unit variance. */
    @Override
    public double priorStd(double tMax) {
        double rho = host.rho(tMax);
        return Math.exp(logMu(rho)) * Math.sqrt(1 + rho * rho);
    }
}
