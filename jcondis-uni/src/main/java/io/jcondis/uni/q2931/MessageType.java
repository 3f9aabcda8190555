package io.jcondis.uni.q2931;

/**
 * Q.2931 message types (octet 1 of the message type field) supported by this codec: the basic call messages of
 * Q.2931 Table 4-2, the point-to-multipoint messages of Q.2971 and the modification messages of Q.2963.1
 * (codes cross-checked against the Wireshark dissector and the FreeBSD ngatm message tables).
 */
public enum MessageType {
    /** ALERTING. */
    ALERTING(0x01),
    /** CALL PROCEEDING. */
    CALL_PROCEEDING(0x02),
    /** SETUP. */
    SETUP(0x05),
    /** CONNECT. */
    CONNECT(0x07),
    /** CONNECT ACKNOWLEDGE. */
    CONNECT_ACKNOWLEDGE(0x0F),
    /** RELEASE. */
    RELEASE(0x4D),
    /** RELEASE COMPLETE. */
    RELEASE_COMPLETE(0x5A),
    /** STATUS ENQUIRY. */
    STATUS_ENQUIRY(0x75),
    /** STATUS. */
    STATUS(0x7D),
    /** ADD PARTY (Q.2971). */
    ADD_PARTY(0x80),
    /** ADD PARTY ACKNOWLEDGE (Q.2971). */
    ADD_PARTY_ACKNOWLEDGE(0x81),
    /** ADD PARTY REJECT (Q.2971). */
    ADD_PARTY_REJECT(0x82),
    /** DROP PARTY (Q.2971). */
    DROP_PARTY(0x83),
    /** DROP PARTY ACKNOWLEDGE (Q.2971). */
    DROP_PARTY_ACKNOWLEDGE(0x84),
    /** MODIFY REQUEST (Q.2963.1). */
    MODIFY_REQUEST(0x88),
    /** MODIFY ACKNOWLEDGE (Q.2963.1). */
    MODIFY_ACKNOWLEDGE(0x89),
    /** MODIFY REJECT (Q.2963.1). */
    MODIFY_REJECT(0x8A),
    /** Any other message type; the code is in {@link UnknownMessage#messageTypeCode()}. */
    UNKNOWN(-1);

    private static final MessageType[] VALUES = values();

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** @return the message type octet, or -1 for {@link #UNKNOWN} */
    public int code() {
        return code;
    }

    /**
     * @param code a message type octet
     * @return the message type, or {@link #UNKNOWN}
     */
    public static MessageType fromCode(int code) {
        for (MessageType t : VALUES) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
