package org.gddim.process;

import java.util.Arrays;
import java.util.function.Function;

/** The processes the engine ships, by their command-line names. */
public enum ProcessKind {
    VP(dims -> Vp.linear()),
    VP_COSINE(dims -> Vp.cosine()),
    VE(dims -> Ve.standard()),
    EDM(dims -> Edm.standard()),
    CLD(dims -> Cld.standard()),
    BDM(ProcessKind::bdm),
    FDM_VP(dims -> Fdm.vp()),
    FDM_VE(dims -> Fdm.ve()),
    FDM_EDM(dims -> Fdm.edm()),
    /** Discrete DDPM, linear betas 1e-4 to 0.02 (DDPM / DDIM / PNDM CIFAR-10 checkpoints), steps offset 0. */
    DDPM_LINEAR(dims -> DiscreteSchedule.LINEAR.process("ddpm-linear")),
    /** Discrete DDPM, scaled-linear betas 0.00085 to 0.012 (Stable Diffusion's scheduler config), steps offset 1. */
    DDPM_SCALED_LINEAR(dims -> DiscreteSchedule.SCALED_LINEAR.process("ddpm-scaled-linear")),
    /** Discrete DDPM, improved-DDPM cosine betas (diffusers' squaredcos_cap_v2), steps offset 0. */
    DDPM_COSINE(dims -> DiscreteSchedule.COSINE.process("ddpm-cosine")),
    /**
     * Discrete DDPM whose betas are parameters ({@link DiscreteSchedule}: --scheduler-config or the --beta-* flags);
     * without them, those of ddpm-linear.
     */
    DDPM(dims -> DiscreteSchedule.LINEAR.process("ddpm-linear"));

    private final Function<int[], Process> factory;

    ProcessKind(Function<int[], Process> factory) {
        this.factory = factory;
    }

    /** The kind whose command-line name is {@code name}, if any. */
    public static java.util.Optional<ProcessKind> named(String name) {
        for (ProcessKind k : values()) {
            if (k.toString().equals(name)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A process with this kind's default parameters for data of shape {@code dims} (only BDM depends on it: its
     * frequencies are those of the last two axes, (C, H, W) or (H, W)).
     *
     * @throws IllegalArgumentException if the process does not apply to data of this shape
     */
    public Process create(int... dims) {
        return factory.apply(dims);
    }

    /** The betas of a discrete kind ({@link #DDPM}: its default, ddpm-linear's), or null for a continuous one. */
    public DiscreteSchedule schedule() {
        return switch (this) {
            case DDPM_LINEAR, DDPM -> DiscreteSchedule.LINEAR;
            case DDPM_SCALED_LINEAR -> DiscreteSchedule.SCALED_LINEAR;
            case DDPM_COSINE -> DiscreteSchedule.COSINE;
            default -> null;
        };
    }

    /** Whether the process is isotropic, {@code x_t = a_t x_0 + sigma_t z} (what DDIM needs). */
    public boolean isotropic() {
        return this != CLD && this != BDM;
    }

    /** Whether the process has a scalar noise level rho (what the logsnr and edm grids need); CLD has none. */
    public boolean hasNoiseLevel() {
        return this != CLD;
    }

    private static Process bdm(int[] dims) {
        if (dims.length < 2 || dims.length > 3 || dims[dims.length - 1] > 64 || dims[dims.length - 2] > 64) {
            throw new IllegalArgumentException("bdm needs image data of shape (C, H, W) or (H, W) with H, W <= 64 "
                    + "(give the model a \"shape\"), got " + Arrays.toString(dims).replace('[', '(').replace(']', ')'));
        }
        return Bdm.forImages(dims[dims.length - 2], dims[dims.length - 1]);
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
