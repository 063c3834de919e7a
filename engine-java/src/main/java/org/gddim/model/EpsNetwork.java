package org.gddim.model;

import java.util.function.DoubleUnaryOperator;
import org.gddim.backend.Buffer;

/**
 * A network that already predicts eps in the process' own frame (gDDIM's R_t for cld), seen as the solvers'
 * {@link ScoreModel}: its input is the whole state (x then v for cld), its output eps for that state, and it is
 * called with {@code label(t)}. Nothing is converted, so this works for every process.
 *
 * @param network the network; its shape is the state's
 * @param shape one data sample (what a run outputs): the state's first plane
 * @param label the network's time input as a function of the process time t
 */
public record EpsNetwork(NetworkOutput network, DataShape shape, DoubleUnaryOperator label) implements ScoreModel {
    @Override
    public DataShape stateShape() {
        return network.shape();
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        network.predict(u, label.applyAsDouble(t), out, batch);
    }

    @Override
    public String describe() {
        return network.describe() + " (eps prediction)";
    }
}
