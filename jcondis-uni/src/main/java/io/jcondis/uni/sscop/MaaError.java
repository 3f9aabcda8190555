package io.jcondis.uni.sscop;

/**
 * The MAA-ERROR codes an SSCOP entity reports to layer management (Q.2110 Annex A). {@link Sscop} counts each
 * report ({@link SscopStatistics#maaErrors()}) and passes it to {@link SscopOutput#maaError}.
 *
 * <p>Codes A to M report a PDU that arrived in a state where Q.2110 does not expect it; O to X report a
 * condition of the protocol itself. U is also what a datagram that does not decode as an SSCOP PDU is counted
 * as (Q.2110 clause 8: a PDU with a length violation is discarded).
 */
public enum MaaError {
    /** SD PDU received in a state where it is not expected. */
    A("SD PDU unexpected"),
    /** BGN PDU: a retransmitted BGN where none is expected. */
    B("BGN PDU unexpected"),
    /** BGAK PDU unexpected. */
    C("BGAK PDU unexpected"),
    /** BGREJ PDU unexpected. */
    D("BGREJ PDU unexpected"),
    /** END PDU unexpected. */
    E("END PDU unexpected"),
    /** ENDAK PDU unexpected. */
    F("ENDAK PDU unexpected"),
    /** POLL PDU unexpected. */
    G("POLL PDU unexpected"),
    /** STAT PDU unexpected. */
    H("STAT PDU unexpected"),
    /** USTAT PDU unexpected. */
    I("USTAT PDU unexpected"),
    /** RS PDU unexpected. */
    J("RS PDU unexpected"),
    /** RSAK PDU unexpected. */
    K("RSAK PDU unexpected"),
    /** ER PDU unexpected. */
    L("ER PDU unexpected"),
    /** ERAK PDU unexpected. */
    M("ERAK PDU unexpected"),
    /** VT(CC) reached MaxCC: BGN, END, RS or ER went unanswered. */
    O("unsuccessful retransmission (VT(CC) >= MaxCC)"),
    /** Timer_NO-RESPONSE expired: the peer stopped answering POLLs. */
    P("Timer_NO-RESPONSE expiry"),
    /** SD or POLL N(S) error. */
    Q("SD or POLL N(S) error"),
    /** STAT N(PS) error. */
    R("STAT N(PS) error"),
    /** STAT N(R) or list element error. */
    S("STAT N(R) or list elements error"),
    /** USTAT N(R) or list element error. */
    T("USTAT N(R) or list elements error"),
    /** PDU length violation (here: any datagram that does not decode). */
    U("PDU length violation"),
    /** SD PDUs must be retransmitted. */
    V("SD PDUs retransmitted"),
    /** Lack of credit: data is waiting and the peer's window is closed. */
    W("lack of credit"),
    /** Credit obtained: the peer's window opened again. */
    X("credit obtained");

    private final String description;

    MaaError(String description) {
        this.description = description;
    }

    /** @return what the code reports, in words */
    public String description() {
        return description;
    }
}
