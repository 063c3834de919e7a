package org.gddim.process;

/**
 * How a process' linear maps act on the state, which fixes the layout of coefficient arrays and which
 * fused kernel a backend runs. Solvers never look at it; plans carry it to the backend.
 */
public enum Structure {
    /** A multiple of the identity: one coefficient per term, applied to every element (VP, VE, EDM). */
    SCALAR
}
