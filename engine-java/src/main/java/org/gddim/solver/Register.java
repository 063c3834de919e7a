package org.gddim.solver;

/** The state buffers a plan reads and writes: the accepted state and the predictor's output. */
public enum Register {
    /** The state u_n; holds the sample when the plan ends. */
    U,
    /** The predicted state of a predictor-corrector step, where the corrector's model call is evaluated. */
    U_PRED
}
