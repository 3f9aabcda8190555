package io.jcondis.uni.sscop;

import java.util.Optional;

/** The 4-bit SSCOP PDU type codes (Q.2110 clause 7.1, Table 7-1). */
public enum SscopPduType {
    /** BGN: request initialization. */
    BGN(0x1),
    /** BGAK: request acknowledgement. */
    BGAK(0x2),
    /** END: disconnect command. */
    END(0x3),
    /** ENDAK: disconnect acknowledgement. */
    ENDAK(0x4),
    /** RS: resynchronization command. */
    RS(0x5),
    /** RSAK: resynchronization acknowledgement. */
    RSAK(0x6),
    /** BGREJ: connection reject. */
    BGREJ(0x7),
    /** SD: sequenced connection-mode data. */
    SD(0x8),
    /** ER: recovery command. */
    ER(0x9),
    /** POLL: transmitter state information with request for receive state information. */
    POLL(0xA),
    /** STAT: solicited receiver state information. */
    STAT(0xB),
    /** USTAT: unsolicited receiver state information. */
    USTAT(0xC),
    /** UD: unnumbered user data. */
    UD(0xD),
    /** MD: unnumbered management data. */
    MD(0xE),
    /** ERAK: recovery acknowledgement. */
    ERAK(0xF);

    private final int code;

    SscopPduType(int code) {
        this.code = code;
    }

    /** @return the 4-bit PDU type code */
    public int code() {
        return code;
    }

    /**
     * @param code a 4-bit PDU type code
     * @return the PDU type; empty for 0, which Q.2110 does not assign
     */
    public static Optional<SscopPduType> fromCode(int code) {
        for (SscopPduType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
