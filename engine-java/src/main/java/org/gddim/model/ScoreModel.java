package org.gddim.model;

import org.gddim.backend.Buffer;

/** A noise predictor {@code eps_theta(u, t)} (package doc), one call = one network function evaluation (NFE). */
public interface ScoreModel {
    /** Shape of one data sample (what a run outputs). */
    DataShape shape();

    /**
     * Shape of one sample of the state the model reads and predicts eps for: the data shape, or (2, D...) for
     * CLD, x then v (org.gddim.process package doc).
     */
    default DataShape stateShape() {
        return shape();
    }

    /**
     * Writes {@code eps(u_b, t)} for the first {@code batch} samples of {@code u} into {@code out}; both
     * buffers are {@code (batch, stateShape...)} on the backend the model runs on.
     */
    void eps(Buffer u, double t, Buffer out, int batch);

    /** One line for logs and manifests. */
    String describe();

    /**
     * Called once before a run with every time the plan evaluates at and the largest batch: a device model
     * uploads its per-time tables and workspace here, because nothing may allocate or synchronise inside a
     * captured CUDA graph. Host models need nothing.
     */
    default void prepare(double[] times, int batch) {}
}
