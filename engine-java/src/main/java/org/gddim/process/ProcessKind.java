package org.gddim.process;

import java.util.function.Supplier;

/** The processes the engine ships, by their command-line names. */
public enum ProcessKind {
    VP(Vp::linear),
    VP_COSINE(Vp::cosine),
    VE(Ve::standard),
    EDM(Edm::standard);

    private final Supplier<Process> factory;

    ProcessKind(Supplier<Process> factory) {
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
