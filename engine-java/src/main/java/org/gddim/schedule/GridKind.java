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
    EDM;

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
