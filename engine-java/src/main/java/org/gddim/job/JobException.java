package org.gddim.job;

/** The job cannot run as specified (bad input, unusable output folder); the message says what and where. */
public final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The refusal when the solver's coefficients cannot be computed for the job's process and grid. */
    static String planningFailed(SampleJob job, ArithmeticException e) {
        return "cannot plan " + job.solver().kind() + " (order " + job.solver().order() + ", --param "
                + job.solver().frame() + ") on " + job.process() + " with this grid: " + e.getMessage()
                + (job.solver().frame() == org.gddim.solver.EpsFrame.L ? "; use --param R (gDDIM's own frame)"
                        : "; try another --grid or --nfe");
    }
}
