package org.gddim.backend;

import java.util.ArrayList;
import java.util.List;
import org.gddim.bindings.Cuda;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.Gdk;
import org.gddim.bindings.LibraryUnavailableException;

/** Opens backends by kind and reports which ones work on this machine and, for the others, why not. */
public final class Backends {
    private Backends() {}

    /** Whether a backend can be opened here; {@code detail} is its version or the reason it cannot. */
    public record Availability(BackendKind kind, boolean available, String detail) {}

    /** Opens a float32 backend of {@code kind}; throws {@link BackendUnavailableException} saying why it cannot. */
    public static Backend open(BackendKind kind) {
        return open(kind, 0);
    }

    /**
     * The same, a CUDA backend on device {@code cudaDevice} (a cluster's assigned GPU, e.g. a Spark executor's
     * {@code gpu} resource address); the CPU backends ignore it.
     */
    public static Backend open(BackendKind kind, int cudaDevice) {
        return switch (kind) {
            case JAVA -> new JavaScalar(DType.F32);
            case NATIVE -> {
                try {
                    yield new NativeCpu();
                } catch (LibraryUnavailableException e) {
                    throw new BackendUnavailableException(kind, e.getMessage());
                }
            }
            case CUDA -> {
                if (Cuda.probe() instanceof Cuda.Unusable unusable) {
                    throw new BackendUnavailableException(kind, unusable.reason());
                }
                try {
                    yield new CudaBackend(cudaDevice);
                } catch (LibraryUnavailableException | CudaException e) {
                    throw new BackendUnavailableException(kind, e.getMessage());
                }
            }
        };
    }

    /** Every backend with its availability on this machine. */
    public static List<Availability> available() {
        List<Availability> out = new ArrayList<>();
        out.add(new Availability(BackendKind.JAVA, true, "pure Java reference, float32 or float64"));
        try {
            out.add(new Availability(BackendKind.NATIVE, true, "libgdk " + Gdk.load().version() + ", C kernels via FFM"));
        } catch (LibraryUnavailableException e) {
            out.add(new Availability(BackendKind.NATIVE, false, e.getMessage()));
        }
        out.add(switch (Cuda.probe()) {
            case Cuda.Usable usable -> {
                Cuda.Device d = usable.devices().getFirst();
                yield new Availability(BackendKind.CUDA, true, String.format("%s (sm_%d%d, %.1f GiB, %d SMs), CUDA runtime %s, "
                        + "driver %s%s", d.name(), d.computeMajor(), d.computeMinor(), d.memoryBytes() / 1073741824.0,
                        d.multiprocessors(), d.runtimeVersion(), d.driverVersion(),
                        usable.devices().size() > 1 ? ", " + usable.devices().size() + " devices (uses device 0)" : ""));
            }
            case Cuda.Unusable unusable -> new Availability(BackendKind.CUDA, false, unusable.reason());
        });
        return out;
    }
}
