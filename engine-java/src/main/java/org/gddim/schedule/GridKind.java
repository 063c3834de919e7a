package org.gddim.schedule;

/** The grid families, by their command-line names (gddim-spec.md section 6). */
public enum GridKind {
    /** Uniform in t. */
    UNIFORM,
    /** Uniform in sqrt(t) (power kappa = 2; gDDIM's default "t" grid). */
    QUADRATIC,
    /** Uniform in logSNR, i.e. in log rho (DEIS "log", DPM-Solver "logSNR"). */
    LOGSNR,
    /** Uniform in rho^(1/7) (Karras et al. 2022, rho = 7). */
    EDM,
    /** diffusers' "leading" integer timesteps {0, r, 2r, ..} + steps offset, r = T / N (discrete processes). */
    LEADING,
    /** diffusers' "trailing" integer timesteps round(T - k T/N) - 1 (discrete processes). */
    TRAILING,
    /** diffusers' "linspace" integer timesteps round(linspace(0, T - 1, N)) (discrete processes). */
    LINSPACE;

    /** Whether this is one of diffusers' integer-timestep spacings (DiscreteSpacing). */
    public boolean discrete() {
        return this == LEADING || this == TRAILING || this == LINSPACE;
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
