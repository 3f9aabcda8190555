package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;
import java.util.Optional;

/**
 * Cause (Q.2931 4.5.15, identifier {@code 0x08}).
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-----------+---------------+
 * | 1 |   spare   |   location    |  octet 5
 * +---+-----------+---------------+
 * | 1 |      cause value          |  octet 6
 * +---+---------------------------+
 * |  diagnostics (if any) ...     |  octets 7..
 * +-------------------------------+
 * </pre>
 *
 * @param location    4-bit location, see {@link CauseLocation}
 * @param value       7-bit cause value, see {@link CauseValue}
 * @param diagnostics the diagnostics octets (format depends on the cause value), possibly empty
 * @param instruction the compatibility instruction
 */
public record Cause(int location, int value, Octets diagnostics, IeInstruction instruction)
        implements InformationElement {

    /** @throws IllegalArgumentException if a value does not fit its field */
    public Cause {
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(instruction, "instruction");
        if (location < 0 || location > 0x0F) {
            throw new IllegalArgumentException("location out of range: " + location);
        }
        if (value < 0 || value > 0x7F) {
            throw new IllegalArgumentException("cause value out of range: " + value);
        }
    }

    /**
     * @param location the location
     * @param value    the cause value
     * @return a cause without diagnostics
     */
    public static Cause of(CauseLocation location, CauseValue value) {
        return new Cause(location.code(), value.code(), Octets.EMPTY, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.CAUSE;
    }

    /** @return the cause value as a {@link CauseValue}, if it is a standard one */
    public Optional<CauseValue> standardValue() {
        return CauseValue.fromCode(value);
    }

    /** @return the location as a {@link CauseLocation}, if it is a standard one */
    public Optional<CauseLocation> standardLocation() {
        return CauseLocation.fromCode(location);
    }
}
