package org.gddim.model;

import org.gddim.backend.Buffer;

/**
 * A network as trained, before conversion: it maps an input batch and its noise label to an output in its own
 * {@link Prediction} convention. {@link PredictionAdapter} turns it into the {@link ScoreModel} (eps) the
 * solvers see. The label is what the network was trained with: the time t, a discrete timestep, or for EDM
 * denoisers the noise level {@code sigma^}.
 */
public interface NetworkOutput {
    /** Shape of one sample. */
    DataShape shape();

    /** Writes the network's output for the first {@code batch} samples of {@code input} at {@code label} into {@code out}. */
    void predict(Buffer input, double label, Buffer out, int batch);

    /** One line for logs and manifests. */
    String describe();
}
