package io.jcondis.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** OID values used by CoNDIS clients, call managers and miniports (contract section 4). */
public final class Oids {
    public static final int OID_CO_ADD_PVC = 0xFE000001;
    public static final int OID_CO_DELETE_PVC = 0xFE000002;
    public static final int OID_CO_GET_CALL_INFORMATION = 0xFE000003;
    public static final int OID_CO_ADD_ADDRESS = 0xFE000004;
    public static final int OID_CO_DELETE_ADDRESS = 0xFE000005;
    public static final int OID_CO_GET_ADDRESSES = 0xFE000006;
    public static final int OID_CO_ADDRESS_CHANGE = 0xFE000007;
    public static final int OID_CO_SIGNALING_ENABLED = 0xFE000008;
    public static final int OID_CO_SIGNALING_DISABLED = 0xFE000009;
    public static final int OID_CO_AF_CLOSE = 0xFE00000A;
    public static final int OID_GEN_CO_SUPPORTED_LIST = 0x00010101;
    public static final int OID_GEN_CO_HARDWARE_STATUS = 0x00010102;
    public static final int OID_GEN_CO_MEDIA_IN_USE = 0x00010104;
    public static final int OID_GEN_CO_LINK_SPEED = 0x00010107;
    public static final int OID_GEN_CO_VENDOR_DESCRIPTION = 0x0001010D;
    public static final int OID_GEN_CO_MEDIA_CONNECT_STATUS = 0x00010114;
    public static final int OID_GEN_CO_MINIMUM_LINK_SPEED = 0x00020120;
    public static final int OID_GEN_CO_XMIT_PDUS_OK = 0x00020101;
    public static final int OID_GEN_CO_RCV_PDUS_OK = 0x00020102;
    public static final int OID_GEN_CO_BYTES_XMIT = 0x00020201;
    public static final int OID_GEN_CO_BYTES_RCV = 0x00020207;

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field f : Oids.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    NAMES.put(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private Oids() {
    }

    /** @return the OID's name, or its hex value */
    public static String name(int oid) {
        return NAMES.getOrDefault(oid, String.format("0x%08X", oid));
    }

    /**
     * @param name an OID name such as {@code OID_CO_ADD_PVC} or a hex value {@code 0xFE000001}
     * @return the OID value
     * @throws IllegalArgumentException if unknown
     */
    public static int parse(String name) {
        if (name.startsWith("0x") || name.startsWith("0X")) {
            return (int) Long.parseLong(name.substring(2), 16);
        }
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("unknown OID " + name);
    }
}
