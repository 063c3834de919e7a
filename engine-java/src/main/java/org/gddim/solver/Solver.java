package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;

/** A sampling method: turns (process, grid) into a {@link Plan}; {@link Sampler} runs it. */
public interface Solver {
    /** Method and settings, e.g. "gddim q=2". */
    String describe();

    /** Most grid steps whose plan costs at most {@code nfe} network evaluations (one per step unless overridden). */
    default int stepsFor(int nfe) {
        return nfe;
    }

    /** Smallest NFE budget the method accepts (its order, for multistep methods; 1 unless overridden). */
    default int minNfe() {
        return 1;
    }

    /** Plans a run over {@code grid}; throws IllegalArgumentException if the method does not apply to the process. */
    Plan plan(Process process, TimeGrid grid);
}
