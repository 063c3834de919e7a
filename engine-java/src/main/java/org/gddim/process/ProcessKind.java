package org.gddim.process;

import java.util.function.Supplier;

/** The processes the engine ships, by their command-line names. */
public enum ProcessKind {
    VP("vp", Vp::linear),
    VP_COSINE("vp-cosine", Vp::cosine),
    VE("ve", Ve::standard),
    EDM("edm", Edm::standard);

    private final String cliName;
    private final Supplier<Process> factory;

    ProcessKind(String cliName, Supplier<Process> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    /** A process with this kind's default parameters. */
    public Process create() {
        return factory.get();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
