package org.gddim.solver;

/**
 * The optional Adams-Moulton corrector of gDDIM (gddim-spec.md 5.2), by the usual P/E/C letters: predict,
 * evaluate the model at the prediction, correct. PECE evaluates again at the corrected state (2 NFE per
 * step); PEC reuses the evaluation at the prediction as the next step's eps (1 NFE per step, as UniPC).
 */
public enum Corrector {
    NONE,
    PEC,
    PECE;

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
