package org.gddim.solver;

/**
 * The optional Adams-Moulton corrector of gDDIM (gddim-spec.md 5.2), by the usual P/E/C letters: predict,
 * evaluate the model at the prediction, correct. PECE evaluates again at the corrected state (2 NFE per
 * step); PEC reuses the evaluation at the prediction as the next step's eps (1 NFE per step, as UniPC).
 */
public enum Corrector {
    NONE("none"),
    PEC("pec"),
    PECE("pece");

    private final String cliName;

    Corrector(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
