package org.gddim.schedule;

/** The grid families, by their command-line names (gddim-spec.md section 6). */
public enum GridKind {
    /** Uniform in t. */
    UNIFORM("uniform"),
    /** Uniform in sqrt(t) (power kappa = 2; gDDIM's default "t" grid). */
    QUADRATIC("quadratic"),
    /** Uniform in logSNR, i.e. in log rho (DEIS "log", DPM-Solver "logSNR"). */
    LOGSNR("logsnr"),
    /** Uniform in rho^(1/7) (Karras et al. 2022, rho = 7). */
    EDM("edm");

    private final String cliName;

    GridKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
