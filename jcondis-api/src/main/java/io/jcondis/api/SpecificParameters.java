package io.jcondis.api;

import java.util.Arrays;

/**
 * CO_SPECIFIC_PARAMETERS: a typed, opaque block of call-manager or media specific bytes.
 *
 * @param paramType  the parameter type
 * @param parameters the bytes (copied; never null)
 */
public record SpecificParameters(int paramType, byte[] parameters) {
    /** No specific parameters. */
    public static final SpecificParameters NONE = new SpecificParameters(0, new byte[0]);

    /** Copies the bytes. */
    public SpecificParameters {
        parameters = parameters == null ? new byte[0] : parameters.clone();
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    /** @return the length in bytes */
    public int length() {
        return parameters.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificParameters && ((SpecificParameters) o).paramType == paramType
                && Arrays.equals(((SpecificParameters) o).parameters, parameters);
    }

    @Override
    public int hashCode() {
        return 31 * paramType + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Specific{type=" + paramType + ", " + parameters.length + " bytes}";
    }
}
