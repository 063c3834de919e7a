package org.gddim.process;

import java.util.function.Supplier;

/** The processes the engine ships, by their command-line names. */
public enum ProcessKind {
    VP(Vp::linear),
    VP_COSINE(Vp::cosine),
    VE(Ve::standard),
    EDM(Edm::standard),
    /** Discrete DDPM, linear betas 1e-4 to 0.02 (DDPM / DDIM / PNDM CIFAR-10 checkpoints), steps offset 0. */
    DDPM_LINEAR(() -> DiscreteVp.ddpm("ddpm-linear", DdpmBetas.LINEAR, 0)),
    /** Discrete DDPM, scaled-linear betas 0.00085 to 0.012 (Stable Diffusion's scheduler config), steps offset 1. */
    DDPM_SCALED_LINEAR(() -> DiscreteVp.ddpm("ddpm-scaled-linear", DdpmBetas.SCALED_LINEAR, 1)),
    /** Discrete DDPM, improved-DDPM cosine betas (diffusers' squaredcos_cap_v2), steps offset 0. */
    DDPM_COSINE(() -> DiscreteVp.ddpm("ddpm-cosine", DdpmBetas.COSINE, 0));

    private final Supplier<Process> factory;

    ProcessKind(Supplier<Process> factory) {
        this.factory = factory;
    }

    /** A process with this kind's default parameters. */
    public Process create() {
        return factory.get();
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
