package io.jcondis.tck.script;

import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.api.wan.WanOids;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructLayout;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The symbolic names WAN scripts may write for numbers: every {@code public static final int} of {@link Tapi}
 * ({@code LINECALLSTATE_*}, {@code LINEDISCONNECTMODE_*}, {@code LINEDEVSTATE_*}, {@code LINEMEDIAMODE_*},
 * {@code LINE_*} messages, ...), {@link TapiOids} and {@link WanOids}; and the NDIS_TAPI_* structure of each OID.
 */
final class WanConstants {
    private static final Map<String, Long> BY_NAME = new HashMap<>();
    private static final Map<Integer, String> OID_NAMES = new HashMap<>();

    static {
        for (Class<?> c : new Class<?>[] {Tapi.class, TapiOids.class, WanOids.class}) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    try {
                        int v = f.getInt(null);
                        BY_NAME.put(f.getName(), Integer.toUnsignedLong(v));
                        if (f.getName().startsWith("OID_")) {
                            OID_NAMES.put(v, f.getName());
                        }
                    } catch (IllegalAccessException e) {
                        throw new ExceptionInInitializerError(e);
                    }
                }
            }
        }
    }

    private WanConstants() {
    }

    /** @return the value of a constant name, or null when {@code name} is none */
    static Long constant(String name) {
        return BY_NAME.get(name);
    }

    /** @return the OID's name, or its hex value */
    static String oidName(int oid) {
        return OID_NAMES.getOrDefault(oid, String.format("0x%08X", oid));
    }

    /** @return the OID named (or written in hex), or null when unknown */
    static Integer oid(String name) {
        if (name.startsWith("0x") || name.startsWith("0X")) {
            try {
                return (int) Long.parseLong(name.substring(2), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Long v = name.startsWith("OID_") ? BY_NAME.get(name) : null;
        return v == null ? null : v.intValue();
    }

    /** @return the structure of an OID's information buffer (NDIS_TAPI_*, NDIS_WAN_INFO), or null */
    static StructLayout layout(int oid) {
        if (oid == WanOids.OID_WAN_GET_INFO) {
            return NdisTapiStructs.WAN_INFO;
        }
        NdisTapiStructs.OidLayout l = NdisTapiStructs.forOid(oid);
        return l == null ? null : l.layout();
    }
}
