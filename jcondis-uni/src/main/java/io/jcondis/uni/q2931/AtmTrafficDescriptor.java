package io.jcondis.uni.q2931;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * ATM traffic descriptor (Q.2931 4.5.6, identifier {@code 0x59}): a sequence of subfields, each an identifier
 * octet followed by its value, encoded in ascending identifier order.
 *
 * <pre>
 * +------+-----------------------+
 * | 0x84 | fwd PCR CLP=0+1 (24)  |   one 4-octet subfield per {@link TrafficParameter} present
 * +------+-----------------------+
 * | 0x85 | bwd PCR CLP=0+1 (24)  |   ...
 * +------+-----------------------+
 * | 0xBE |                           best effort indicator (identifier only)
 * +------+------+
 * | 0xBF | opts |                    traffic management options (1 octet), if present
 * +------+------+
 * </pre>
 *
 * @param parameters               the 24-bit subfields present (copied into an unmodifiable {@link EnumMap})
 * @param bestEffort               {@code true} if the best effort indicator is present
 * @param trafficManagementOptions the traffic management options octet, if present
 * @param instruction              the compatibility instruction
 */
public record AtmTrafficDescriptor(Map<TrafficParameter, Integer> parameters, boolean bestEffort,
                                   OptionalInt trafficManagementOptions, IeInstruction instruction)
        implements InformationElement {
    /** Subfield identifier of the best effort indicator. */
    public static final int ID_BEST_EFFORT = 0xBE;
    /** Subfield identifier of the traffic management options. */
    public static final int ID_TRAFFIC_MANAGEMENT_OPTIONS = 0xBF;

    /** @throws IllegalArgumentException if a value does not fit its field */
    public AtmTrafficDescriptor {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(trafficManagementOptions, "trafficManagementOptions");
        Objects.requireNonNull(instruction, "instruction");
        EnumMap<TrafficParameter, Integer> copy = new EnumMap<>(TrafficParameter.class);
        for (Map.Entry<TrafficParameter, Integer> e : parameters.entrySet()) {
            int v = Objects.requireNonNull(e.getValue(), "value");
            if (v < 0 || v > TrafficParameter.MAX_VALUE) {
                throw new IllegalArgumentException(e.getKey() + " out of range: " + v);
            }
            copy.put(Objects.requireNonNull(e.getKey(), "key"), v);
        }
        parameters = Collections.unmodifiableMap(copy);
        if (trafficManagementOptions.isPresent()
                && (trafficManagementOptions.getAsInt() < 0 || trafficManagementOptions.getAsInt() > 0xFF)) {
            throw new IllegalArgumentException("traffic management options out of range");
        }
    }

    /**
     * @param forwardPeakCellRate  forward peak cell rate (CLP=0+1), cells/s
     * @param backwardPeakCellRate backward peak cell rate (CLP=0+1), cells/s
     * @return a descriptor with only the two peak cell rates
     */
    public static AtmTrafficDescriptor peak(int forwardPeakCellRate, int backwardPeakCellRate) {
        return new AtmTrafficDescriptor(Map.of(
                TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01, forwardPeakCellRate,
                TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01, backwardPeakCellRate),
                false, OptionalInt.empty(), IeInstruction.DEFAULT);
    }

    /**
     * @param forwardPeakCellRate  forward peak cell rate (CLP=0+1), cells/s
     * @param backwardPeakCellRate backward peak cell rate (CLP=0+1), cells/s
     * @return a best-effort (UBR) descriptor
     */
    public static AtmTrafficDescriptor bestEffort(int forwardPeakCellRate, int backwardPeakCellRate) {
        return new AtmTrafficDescriptor(peak(forwardPeakCellRate, backwardPeakCellRate).parameters(), true,
                OptionalInt.empty(), IeInstruction.DEFAULT);
    }

    /**
     * @param p a subfield
     * @return its value, if present
     */
    public OptionalInt get(TrafficParameter p) {
        Integer v = parameters.get(p);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public int identifier() {
        return IeIdentifier.ATM_TRAFFIC_DESCRIPTOR;
    }
}
