package io.jcondis.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a request or completion: an NDIS_STATUS value plus an optional diagnostic description.
 *
 * <p>Requests return a {@code Status} synchronously: {@link #SUCCESS}, {@link #PENDING} (the matching
 * {@code on...Complete} callback follows exactly once), or a failure. A completion never carries
 * {@link #PENDING}.
 *
 * <p>Two statuses are {@link #equals equal} when their {@link Code codes} are equal; the description is
 * diagnostic text and not part of the identity. Immutable and thread-safe.
 */
public final class Status {

    /** NDIS_STATUS codes with their wire values (contract section 6). */
    public enum Code {
        SUCCESS(0x00000000),
        PENDING(0x00000103),
        NOT_RECOGNIZED(0x00010001),
        NOT_COPIED(0x00010002),
        NOT_ACCEPTED(0x00010003),
        CALL_ACTIVE(0x00010007),
        ONLINE(0x40010003),
        RESET_START(0x40010004),
        RESET_END(0x40010005),
        CLOSED(0x40010007),
        WAN_LINE_UP(0x40010008),
        WAN_LINE_DOWN(0x40010009),
        WAN_FRAGMENT(0x4001000A),
        MEDIA_CONNECT(0x4001000B),
        MEDIA_DISCONNECT(0x4001000C),
        HARDWARE_LINE_UP(0x4001000D),
        HARDWARE_LINE_DOWN(0x4001000E),
        LINK_SPEED_CHANGE(0x40010013),
        WAN_CO_FRAGMENT(0x40010015),
        WAN_CO_LINKPARAMS(0x40010016),
        WAN_CO_MTULINKPARAMS(0x40010025),
        TAPI_INDICATION(0x40010080),
        BUFFER_OVERFLOW(0x80000005),
        FAILURE(0xC0000001),
        /** STATUS_INVALID_HANDLE: a null, closed, stale or foreign handle (jcondis choice, see docs/rules.md). */
        INVALID_HANDLE(0xC0000008),
        INVALID_PARAMETER(0xC000000D),
        RESOURCES(0xC000009A),
        NOT_SUPPORTED(0xC00000BB),
        CLOSING(0xC0010002),
        BAD_VERSION(0xC0010004),
        ADAPTER_NOT_FOUND(0xC0010006),
        REQUEST_ABORTED(0xC001000C),
        RESET_IN_PROGRESS(0xC001000D),
        CLOSING_INDICATING(0xC001000E),
        INVALID_PACKET(0xC001000F),
        ADAPTER_NOT_READY(0xC0010011),
        INVALID_LENGTH(0xC0010014),
        INVALID_DATA(0xC0010015),
        BUFFER_TOO_SHORT(0xC0010016),
        INVALID_OID(0xC0010017),
        ADAPTER_REMOVED(0xC0010018),
        UNSUPPORTED_MEDIA(0xC0010019),
        INVALID_SAP(0xC0010020),
        SAP_IN_USE(0xC0010021),
        INVALID_ADDRESS(0xC0010022),
        VC_NOT_ACTIVATED(0xC0010023),
        DEST_OUT_OF_ORDER(0xC0010024),
        VC_NOT_AVAILABLE(0xC0010025),
        CELLRATE_NOT_AVAILABLE(0xC0010026),
        INCOMPATABLE_QOS(0xC0010027),
        AAL_PARAMS_UNSUPPORTED(0xC0010028),
        NO_ROUTE_TO_DESTINATION(0xC0010029),
        TAPI_ADDRESSBLOCKED(0xC0012000),
        TAPI_BEARERMODEUNAVAIL(0xC0012001),
        TAPI_CALLUNAVAIL(0xC0012002),
        TAPI_DIALBILLING(0xC0012003),
        TAPI_DIALDIALTONE(0xC0012004),
        TAPI_DIALPROMPT(0xC0012005),
        TAPI_DIALQUIET(0xC0012006),
        TAPI_INCOMPATIBLEEXTVERSION(0xC0012007),
        TAPI_INUSE(0xC0012008),
        TAPI_INVALADDRESS(0xC0012009),
        TAPI_INVALADDRESSID(0xC001200A),
        TAPI_INVALADDRESSMODE(0xC001200B),
        TAPI_INVALBEARERMODE(0xC001200C),
        TAPI_INVALCALLHANDLE(0xC001200D),
        TAPI_INVALCALLPARAMS(0xC001200E),
        TAPI_INVALCALLSTATE(0xC001200F),
        TAPI_INVALDEVICECLASS(0xC0012010),
        TAPI_INVALLINEHANDLE(0xC0012011),
        TAPI_INVALLINESTATE(0xC0012012),
        TAPI_INVALMEDIAMODE(0xC0012013),
        TAPI_INVALRATE(0xC0012014),
        TAPI_NODRIVER(0xC0012015),
        TAPI_OPERATIONUNAVAIL(0xC0012016),
        TAPI_RATEUNAVAIL(0xC0012017),
        TAPI_RESOURCEUNAVAIL(0xC0012018),
        TAPI_STRUCTURETOOSMALL(0xC0012019),
        TAPI_USERUSERINFOTOOBIG(0xC001201A),
        TAPI_ALLOCATED(0xC001201B),
        TAPI_INVALADDRESSSTATE(0xC001201C),
        TAPI_INVALPARAM(0xC001201D),
        TAPI_NODEVICE(0xC001201E),
        TAPI_DISCONNECTMODE_NORMAL(0xC0012020),
        TAPI_DISCONNECTMODE_UNKNOWN(0xC0012021),
        TAPI_DISCONNECTMODE_REJECT(0xC0012022),
        TAPI_DISCONNECTMODE_PICKUP(0xC0012023),
        TAPI_DISCONNECTMODE_FORWARDED(0xC0012024),
        TAPI_DISCONNECTMODE_BUSY(0xC0012025),
        TAPI_DISCONNECTMODE_NOANSWER(0xC0012026),
        TAPI_DISCONNECTMODE_BADADDRESS(0xC0012027),
        TAPI_DISCONNECTMODE_UNREACHABLE(0xC0012028),
        TAPI_DISCONNECTMODE_CONGESTION(0xC0012029),
        TAPI_DISCONNECTMODE_INCOMPATIBLE(0xC001202A),
        TAPI_DISCONNECTMODE_UNAVAIL(0xC001202B),
        /** Fallback for a wire value this enum does not name. */
        UNKNOWN(-1);

        private static final Map<Integer, Code> BY_VALUE = new HashMap<>();

        static {
            for (Code c : values()) {
                BY_VALUE.put(c.value, c);
            }
        }

        private final int value;

        Code(int value) {
            this.value = value;
        }

        /** @return the 32-bit NDIS_STATUS wire value */
        public int value() {
            return value;
        }

        /**
         * @param value a 32-bit NDIS_STATUS value
         * @return the code with that value, or {@link #UNKNOWN}
         */
        public static Code of(int value) {
            return BY_VALUE.getOrDefault(value, UNKNOWN);
        }
    }

    private static final Map<Code, Status> TEMPLATES = new HashMap<>();

    static {
        for (Code c : Code.values()) {
            TEMPLATES.put(c, new Status(c, null));
        }
    }

    public static final Status SUCCESS = of(Code.SUCCESS);
    public static final Status PENDING = of(Code.PENDING);
    public static final Status FAILURE = of(Code.FAILURE);
    public static final Status INVALID_HANDLE = of(Code.INVALID_HANDLE);
    public static final Status NOT_ACCEPTED = of(Code.NOT_ACCEPTED);
    public static final Status NOT_SUPPORTED = of(Code.NOT_SUPPORTED);
    public static final Status RESOURCES = of(Code.RESOURCES);
    public static final Status CLOSING = of(Code.CLOSING);
    public static final Status INVALID_DATA = of(Code.INVALID_DATA);
    public static final Status INVALID_PARAMETER = of(Code.INVALID_PARAMETER);
    public static final Status CALL_ACTIVE = of(Code.CALL_ACTIVE);
    public static final Status INVALID_LENGTH = of(Code.INVALID_LENGTH);
    public static final Status INVALID_OID = of(Code.INVALID_OID);
    public static final Status BUFFER_TOO_SHORT = of(Code.BUFFER_TOO_SHORT);
    public static final Status VC_NOT_ACTIVATED = of(Code.VC_NOT_ACTIVATED);
    public static final Status CELLRATE_NOT_AVAILABLE = of(Code.CELLRATE_NOT_AVAILABLE);
    public static final Status REQUEST_ABORTED = of(Code.REQUEST_ABORTED);

    private final Code code;
    private final String description;

    private Status(Code code, String description) {
        this.code = Objects.requireNonNull(code, "code");
        this.description = description;
    }

    /**
     * @param code the code
     * @return the shared template status for {@code code}, without description
     */
    public static Status of(Code code) {
        return TEMPLATES.get(code);
    }

    /**
     * @param value a 32-bit NDIS_STATUS value
     * @return the status with that code ({@link Code#UNKNOWN} for values not named here)
     */
    public static Status fromValue(int value) {
        return of(Code.of(value));
    }

    /**
     * @param name a code name such as {@code NOT_ACCEPTED} (case-insensitive, an optional
     *             {@code NDIS_STATUS_} prefix is ignored)
     * @return the status
     * @throws IllegalArgumentException if no code has that name
     */
    public static Status parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("NDIS_STATUS_")) {
            n = n.substring("NDIS_STATUS_".length());
        }
        return of(Code.valueOf(n));
    }

    /** @return the code */
    public Code code() {
        return code;
    }

    /** @return the diagnostic description, or {@code null} */
    public String description() {
        return description;
    }

    /**
     * @param text diagnostic text
     * @return a status with the same code and this description
     */
    public Status withDescription(String text) {
        return new Status(code, text);
    }

    /** @return true for {@link Code#SUCCESS} */
    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    /** @return true for {@link Code#PENDING} */
    public boolean isPending() {
        return code == Code.PENDING;
    }

    /** @return true for any code other than SUCCESS and PENDING */
    public boolean isFailure() {
        return code != Code.SUCCESS && code != Code.PENDING;
    }

    /** @return true if the code is {@code c} */
    public boolean is(Code c) {
        return code == c;
    }

    /** @return this status as an exception, for the blocking convenience API and the CLI */
    public JcondisException asException() {
        return new JcondisException(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status && ((Status) o).code == code;
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return description == null ? code.name() : code.name() + " (" + description + ")";
    }
}
