package io.jcondis.api.wan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OID_TAPI_* values (contract section 4.4) with their direction (query or set) and whether a WAN miniport must
 * support them (M) or may (O).
 */
public final class TapiOids {
    /** OID_TAPI_ACCEPT (set, optional). */
    public static final int OID_TAPI_ACCEPT = 0x07030101;
    /** OID_TAPI_ANSWER (set, mandatory). */
    public static final int OID_TAPI_ANSWER = 0x07030102;
    /** OID_TAPI_CLOSE (set, mandatory). */
    public static final int OID_TAPI_CLOSE = 0x07030103;
    /** OID_TAPI_CLOSE_CALL (set, mandatory). */
    public static final int OID_TAPI_CLOSE_CALL = 0x07030104;
    /** OID_TAPI_CONDITIONAL_MEDIA_DETECTION (query, mandatory). */
    public static final int OID_TAPI_CONDITIONAL_MEDIA_DETECTION = 0x07030105;
    /** OID_TAPI_CONFIG_DIALOG (query, optional). */
    public static final int OID_TAPI_CONFIG_DIALOG = 0x07030106;
    /** OID_TAPI_DEV_SPECIFIC (query, optional). */
    public static final int OID_TAPI_DEV_SPECIFIC = 0x07030107;
    /** OID_TAPI_DIAL (set, optional). */
    public static final int OID_TAPI_DIAL = 0x07030108;
    /** OID_TAPI_DROP (set, mandatory). */
    public static final int OID_TAPI_DROP = 0x07030109;
    /** OID_TAPI_GET_ADDRESS_CAPS (query, mandatory). */
    public static final int OID_TAPI_GET_ADDRESS_CAPS = 0x0703010A;
    /** OID_TAPI_GET_ADDRESS_ID (query, mandatory). */
    public static final int OID_TAPI_GET_ADDRESS_ID = 0x0703010B;
    /** OID_TAPI_GET_ADDRESS_STATUS (query, mandatory). */
    public static final int OID_TAPI_GET_ADDRESS_STATUS = 0x0703010C;
    /** OID_TAPI_GET_CALL_ADDRESS_ID (query, mandatory). */
    public static final int OID_TAPI_GET_CALL_ADDRESS_ID = 0x0703010D;
    /** OID_TAPI_GET_CALL_INFO (query, mandatory). */
    public static final int OID_TAPI_GET_CALL_INFO = 0x0703010E;
    /** OID_TAPI_GET_CALL_STATUS (query, mandatory). */
    public static final int OID_TAPI_GET_CALL_STATUS = 0x0703010F;
    /** OID_TAPI_GET_DEV_CAPS (query, mandatory). */
    public static final int OID_TAPI_GET_DEV_CAPS = 0x07030110;
    /** OID_TAPI_GET_DEV_CONFIG (query, optional). */
    public static final int OID_TAPI_GET_DEV_CONFIG = 0x07030111;
    /** OID_TAPI_GET_EXTENSION_ID (query, optional). */
    public static final int OID_TAPI_GET_EXTENSION_ID = 0x07030112;
    /** OID_TAPI_GET_ID (query, mandatory). */
    public static final int OID_TAPI_GET_ID = 0x07030113;
    /** OID_TAPI_GET_LINE_DEV_STATUS (query, mandatory). */
    public static final int OID_TAPI_GET_LINE_DEV_STATUS = 0x07030114;
    /** OID_TAPI_MAKE_CALL (query, mandatory). */
    public static final int OID_TAPI_MAKE_CALL = 0x07030115;
    /** OID_TAPI_NEGOTIATE_EXT_VERSION (query, optional). */
    public static final int OID_TAPI_NEGOTIATE_EXT_VERSION = 0x07030116;
    /** OID_TAPI_OPEN (query, mandatory). */
    public static final int OID_TAPI_OPEN = 0x07030117;
    /** OID_TAPI_PROVIDER_INITIALIZE (query, mandatory). */
    public static final int OID_TAPI_PROVIDER_INITIALIZE = 0x07030118;
    /** OID_TAPI_PROVIDER_SHUTDOWN (set, mandatory). */
    public static final int OID_TAPI_PROVIDER_SHUTDOWN = 0x07030119;
    /** OID_TAPI_SECURE_CALL (set, optional). */
    public static final int OID_TAPI_SECURE_CALL = 0x0703011A;
    /** OID_TAPI_SELECT_EXT_VERSION (set, optional). */
    public static final int OID_TAPI_SELECT_EXT_VERSION = 0x0703011B;
    /** OID_TAPI_SEND_USER_USER_INFO (set, optional). */
    public static final int OID_TAPI_SEND_USER_USER_INFO = 0x0703011C;
    /** OID_TAPI_SET_APP_SPECIFIC (set, mandatory). */
    public static final int OID_TAPI_SET_APP_SPECIFIC = 0x0703011D;
    /** OID_TAPI_SET_CALL_PARAMS (set, mandatory). */
    public static final int OID_TAPI_SET_CALL_PARAMS = 0x0703011E;
    /** OID_TAPI_SET_DEFAULT_MEDIA_DETECTION (set, mandatory). */
    public static final int OID_TAPI_SET_DEFAULT_MEDIA_DETECTION = 0x0703011F;
    /** OID_TAPI_SET_DEV_CONFIG (set, optional). */
    public static final int OID_TAPI_SET_DEV_CONFIG = 0x07030120;
    /** OID_TAPI_SET_MEDIA_MODE (set, mandatory). */
    public static final int OID_TAPI_SET_MEDIA_MODE = 0x07030121;
    /** OID_TAPI_SET_STATUS_MESSAGES (set, mandatory). */
    public static final int OID_TAPI_SET_STATUS_MESSAGES = 0x07030122;

    /** One OID's profile. */
    public record Info(String name, boolean query, boolean mandatory) {
    }

    private static final Map<Integer, Info> INFO = new LinkedHashMap<>();

    static {
        INFO.put(OID_TAPI_ACCEPT, new Info("OID_TAPI_ACCEPT", false, false));
        INFO.put(OID_TAPI_ANSWER, new Info("OID_TAPI_ANSWER", false, true));
        INFO.put(OID_TAPI_CLOSE, new Info("OID_TAPI_CLOSE", false, true));
        INFO.put(OID_TAPI_CLOSE_CALL, new Info("OID_TAPI_CLOSE_CALL", false, true));
        INFO.put(OID_TAPI_CONDITIONAL_MEDIA_DETECTION, new Info("OID_TAPI_CONDITIONAL_MEDIA_DETECTION", true, true));
        INFO.put(OID_TAPI_CONFIG_DIALOG, new Info("OID_TAPI_CONFIG_DIALOG", true, false));
        INFO.put(OID_TAPI_DEV_SPECIFIC, new Info("OID_TAPI_DEV_SPECIFIC", true, false));
        INFO.put(OID_TAPI_DIAL, new Info("OID_TAPI_DIAL", false, false));
        INFO.put(OID_TAPI_DROP, new Info("OID_TAPI_DROP", false, true));
        INFO.put(OID_TAPI_GET_ADDRESS_CAPS, new Info("OID_TAPI_GET_ADDRESS_CAPS", true, true));
        INFO.put(OID_TAPI_GET_ADDRESS_ID, new Info("OID_TAPI_GET_ADDRESS_ID", true, true));
        INFO.put(OID_TAPI_GET_ADDRESS_STATUS, new Info("OID_TAPI_GET_ADDRESS_STATUS", true, true));
        INFO.put(OID_TAPI_GET_CALL_ADDRESS_ID, new Info("OID_TAPI_GET_CALL_ADDRESS_ID", true, true));
        INFO.put(OID_TAPI_GET_CALL_INFO, new Info("OID_TAPI_GET_CALL_INFO", true, true));
        INFO.put(OID_TAPI_GET_CALL_STATUS, new Info("OID_TAPI_GET_CALL_STATUS", true, true));
        INFO.put(OID_TAPI_GET_DEV_CAPS, new Info("OID_TAPI_GET_DEV_CAPS", true, true));
        INFO.put(OID_TAPI_GET_DEV_CONFIG, new Info("OID_TAPI_GET_DEV_CONFIG", true, false));
        INFO.put(OID_TAPI_GET_EXTENSION_ID, new Info("OID_TAPI_GET_EXTENSION_ID", true, false));
        INFO.put(OID_TAPI_GET_ID, new Info("OID_TAPI_GET_ID", true, true));
        INFO.put(OID_TAPI_GET_LINE_DEV_STATUS, new Info("OID_TAPI_GET_LINE_DEV_STATUS", true, true));
        INFO.put(OID_TAPI_MAKE_CALL, new Info("OID_TAPI_MAKE_CALL", true, true));
        INFO.put(OID_TAPI_NEGOTIATE_EXT_VERSION, new Info("OID_TAPI_NEGOTIATE_EXT_VERSION", true, false));
        INFO.put(OID_TAPI_OPEN, new Info("OID_TAPI_OPEN", true, true));
        INFO.put(OID_TAPI_PROVIDER_INITIALIZE, new Info("OID_TAPI_PROVIDER_INITIALIZE", true, true));
        INFO.put(OID_TAPI_PROVIDER_SHUTDOWN, new Info("OID_TAPI_PROVIDER_SHUTDOWN", false, true));
        INFO.put(OID_TAPI_SECURE_CALL, new Info("OID_TAPI_SECURE_CALL", false, false));
        INFO.put(OID_TAPI_SELECT_EXT_VERSION, new Info("OID_TAPI_SELECT_EXT_VERSION", false, false));
        INFO.put(OID_TAPI_SEND_USER_USER_INFO, new Info("OID_TAPI_SEND_USER_USER_INFO", false, false));
        INFO.put(OID_TAPI_SET_APP_SPECIFIC, new Info("OID_TAPI_SET_APP_SPECIFIC", false, true));
        INFO.put(OID_TAPI_SET_CALL_PARAMS, new Info("OID_TAPI_SET_CALL_PARAMS", false, true));
        INFO.put(OID_TAPI_SET_DEFAULT_MEDIA_DETECTION, new Info("OID_TAPI_SET_DEFAULT_MEDIA_DETECTION", false, true));
        INFO.put(OID_TAPI_SET_DEV_CONFIG, new Info("OID_TAPI_SET_DEV_CONFIG", false, false));
        INFO.put(OID_TAPI_SET_MEDIA_MODE, new Info("OID_TAPI_SET_MEDIA_MODE", false, true));
        INFO.put(OID_TAPI_SET_STATUS_MESSAGES, new Info("OID_TAPI_SET_STATUS_MESSAGES", false, true));
    }

    private TapiOids() {
    }

    /** @return the profile of {@code oid}, or null when it is not an OID_TAPI_* value */
    public static Info info(int oid) {
        return INFO.get(oid);
    }

    /** @return every OID_TAPI_* profile by value, in value order */
    public static Map<Integer, Info> all() {
        return Collections.unmodifiableMap(INFO);
    }
}
