package org.gddim.api;

import java.io.IOException;
import org.gddim.backend.BackendUnavailableException;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.io.AtomicFiles;
import org.gddim.job.JobException;
import org.gddim.model.ModelSpecException;

/** The engine's refusals as {@link GddimException}s, with the message the CLI prints for each (cli/Main). */
final class Refusals {
    private Refusals() {}

    /** The refusal for {@code e}; errors that are not a refusal (bugs) are rethrown as they are. */
    static GddimException of(RuntimeException e) {
        return switch (e) {
            case GddimException g -> g;
            case JobException j -> new GddimException(j.getMessage(), j);
            case ModelSpecException m -> new GddimException(m.getMessage(), m);
            case BackendUnavailableException b -> new GddimException(b.getMessage(), b);
            case IllegalArgumentException a -> new GddimException(a.getMessage(), a); // a spec record's own check
            case NativeException n -> new GddimException("the native backend failed: " + n.getMessage(), n);
            case CudaException c -> new GddimException("the cuda backend failed: " + c.getMessage(), c);
            default -> throw e;
        };
    }

    /** A file the job reads could not be read (a learned grid, the model when hashed). */
    static GddimException of(IOException e) {
        return new GddimException(AtomicFiles.describe(e), e);
    }
}
