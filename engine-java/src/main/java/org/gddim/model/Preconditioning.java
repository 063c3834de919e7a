package org.gddim.model;

import java.util.function.DoubleUnaryOperator;
import org.gddim.process.Fdm;

/**
 * EDM-style preconditioning of a denoiser network F (Karras et al. 2022, Table 1; pndm-fdm-ld3-spec.md 5.3):
 * {@code D(x_hat; sigma) = c_skip(sigma) x_hat + c_out(sigma) F(c_in(sigma) x_hat, c_noise(sigma))}, in the hat frame
 * {@code x_hat = x_0 + sigma n} (sigma = the process' rho). FDM changes only {@code c_in}, to {@code mu(sigma)}, so
 * an FDM-trained network's input is the diffused state itself.
 */
public record Preconditioning(String name, DoubleUnaryOperator cSkip, DoubleUnaryOperator cOut, DoubleUnaryOperator cIn,
        DoubleUnaryOperator cNoise) {

    /** EDM with data std {@code sigmaData} (0.5 for CIFAR-10). */
    public static Preconditioning edm(double sigmaData) {
        double d2 = sigmaData * sigmaData;
        return new Preconditioning("edm", s -> d2 / (s * s + d2), s -> s * sigmaData / Math.sqrt(s * s + d2),
                s -> 1 / Math.sqrt(s * s + d2), s -> 0.25 * Math.log(s));
    }

    /** VP (score-SDE's DDPM++ nets): {@code c_noise = 999 t_VP(sigma)}, beta from 0.1 to 20. */
    public static Preconditioning vp() {
        return new Preconditioning("vp", s -> 1, s -> -s, s -> 1 / Math.sqrt(s * s + 1),
                s -> 999 * (Math.sqrt(0.01 + 2 * 19.9 * Math.log1p(s * s)) - 0.1) / 19.9);
    }

    /** VE (score-SDE's NCSN++ nets). */
    public static Preconditioning ve() {
        return new Preconditioning("ve", s -> 1, s -> s, s -> 1, s -> Math.log(0.5 * s));
    }

    /** The host's preconditioning with FDM's {@code c_in = mu(sigma)} (official code, training/networks.py). */
    public static Preconditioning fdm(Preconditioning host, Fdm fdm) {
        return new Preconditioning("fdm-" + host.name(), host.cSkip(), host.cOut(), s -> Math.exp(fdm.logMu(s)),
                host.cNoise());
    }
}
