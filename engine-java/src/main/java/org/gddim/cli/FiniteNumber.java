package org.gddim.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converter for real-valued options ({@code --t-min}, {@code --t-max}, {@code --lambda}): a finite number. NaN and
 * infinities are refused here, because the job layer uses NaN for "not given" and would otherwise silently put
 * the default in its place.
 */
final class FiniteNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        double x;
        try {
            x = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(x)) {
            throw new TypeConversionException("'" + value + "' is not a finite number");
        }
        return x;
    }
}
