package io.jcondis.uni.q2931;

import java.util.Optional;

/**
 * The 24-bit cell-rate and burst-size subfields of the ATM traffic descriptor (Q.2931 4.5.6), in the order they
 * appear on the wire. Rates are in cells per second, burst sizes in cells.
 */
public enum TrafficParameter {
    /** Forward peak cell rate, CLP = 0. */
    FORWARD_PEAK_CELL_RATE_CLP0(0x82),
    /** Backward peak cell rate, CLP = 0. */
    BACKWARD_PEAK_CELL_RATE_CLP0(0x83),
    /** Forward peak cell rate, CLP = 0+1. */
    FORWARD_PEAK_CELL_RATE_CLP01(0x84),
    /** Backward peak cell rate, CLP = 0+1. */
    BACKWARD_PEAK_CELL_RATE_CLP01(0x85),
    /** Forward sustainable cell rate, CLP = 0. */
    FORWARD_SUSTAINABLE_CELL_RATE_CLP0(0x88),
    /** Backward sustainable cell rate, CLP = 0. */
    BACKWARD_SUSTAINABLE_CELL_RATE_CLP0(0x89),
    /** Forward sustainable cell rate, CLP = 0+1. */
    FORWARD_SUSTAINABLE_CELL_RATE_CLP01(0x90),
    /** Backward sustainable cell rate, CLP = 0+1. */
    BACKWARD_SUSTAINABLE_CELL_RATE_CLP01(0x91),
    /** Forward maximum burst size, CLP = 0. */
    FORWARD_MAX_BURST_SIZE_CLP0(0xA0),
    /** Backward maximum burst size, CLP = 0. */
    BACKWARD_MAX_BURST_SIZE_CLP0(0xA1),
    /** Forward maximum burst size, CLP = 0+1. */
    FORWARD_MAX_BURST_SIZE_CLP01(0xB0),
    /** Backward maximum burst size, CLP = 0+1. */
    BACKWARD_MAX_BURST_SIZE_CLP01(0xB1);

    /** The largest value of a 24-bit subfield. */
    public static final int MAX_VALUE = 0xFF_FFFF;

    private static final TrafficParameter[] VALUES = values();

    private final int subfieldIdentifier;

    TrafficParameter(int subfieldIdentifier) {
        this.subfieldIdentifier = subfieldIdentifier;
    }

    /** @return the subfield identifier octet */
    public int subfieldIdentifier() {
        return subfieldIdentifier;
    }

    /**
     * @param id a subfield identifier octet
     * @return the parameter it identifies, if any
     */
    public static Optional<TrafficParameter> fromSubfieldIdentifier(int id) {
        for (TrafficParameter p : VALUES) {
            if (p.subfieldIdentifier == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
