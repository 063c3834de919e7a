package org.gddim.backend;

import java.util.ArrayList;
import java.util.List;
import org.gddim.bindings.Gdk;
import org.gddim.bindings.LibraryUnavailableException;

/** Opens backends by kind and reports which ones work on this machine and, for the others, why not. */
public final class Backends {
    private Backends() {}

    /** Whether a backend can be opened here; {@code detail} is its version or the reason it cannot. */
    public record Availability(BackendKind kind, boolean available, String detail) {}

    /** Opens a float32 backend of {@code kind}; throws {@link BackendUnavailableException} saying why it cannot. */
    public static Backend open(BackendKind kind) {
        return switch (kind) {
            case JAVA -> new JavaScalar(DType.F32);
            case NATIVE -> {
                try {
                    yield new NativeCpu();
                } catch (LibraryUnavailableException e) {
                    throw new BackendUnavailableException(kind, e.getMessage());
                }
            }
            case CUDA -> throw new BackendUnavailableException(kind, CUDA_REASON);
        };
    }

    private static final String CUDA_REASON = "not part of this version (the CUDA backend arrives with issue D; "
            + "its kernels already compile into kernels-cu/build/cuda/libgdk_cuda.so)";

    /** Every backend with its availability on this machine. */
    public static List<Availability> available() {
        List<Availability> out = new ArrayList<>();
        out.add(new Availability(BackendKind.JAVA, true, "pure Java reference, float32 or float64"));
        try {
            out.add(new Availability(BackendKind.NATIVE, true, "libgdk " + Gdk.load().version() + ", C kernels via FFM"));
        } catch (LibraryUnavailableException e) {
            out.add(new Availability(BackendKind.NATIVE, false, e.getMessage()));
        }
        out.add(new Availability(BackendKind.CUDA, false, CUDA_REASON));
        return out;
    }
}
