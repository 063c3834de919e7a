package org.gddim.model;

/**
 * What a network predicts (pndm-fdm-ld3-spec.md 0, "Conversions"), for a scalar process
 * {@code x = a x0 + sigma eps} with {@code rho = sigma/a}, and how each becomes eps:
 * <ul>
 *   <li>{@link #EPS}: the noise itself;
 *   <li>{@link #X0}: the clean sample, {@code eps = (x - a x0) / sigma};
 *   <li>{@link #V}: {@code v = a eps - sigma x0} (Salimans and Ho), {@code eps = (a v + sigma x)/(a^2 + sigma^2)},
 *       which is {@code a v + sigma x} on VP, where {@code a^2 + sigma^2 = 1};
 *   <li>{@link #EDM_DENOISER}: {@code D(x^; sigma^)} on the hat frame {@code x^ = x/a}, labelled by
 *       {@code sigma^ = rho} (Karras et al. 2022), {@code eps = (x^ - D) / sigma^}.
 * </ul>
 */
public enum Prediction {
    EPS,
    X0,
    V,
    EDM_DENOISER;

    /** The command-line spelling: lower case, '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
