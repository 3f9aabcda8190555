package io.jcondis.api.callmanager;

import io.jcondis.api.AfHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PVCs a call manager keeps for one adapter, configured by its clients with OID_CO_ADD_PVC and removed with
 * OID_CO_DELETE_PVC (C1, C2). Shared by the call managers so that they answer these OIDs alike.
 *
 * <p>The buffer is a CO_PVC: the NdisAfHandle (8 bytes, little-endian), then CO_SPECIFIC_PARAMETERS {ParamType
 * (4), Length (4), Parameters}; a PVC is named by its parameters read as UTF-8.
 *
 * <p>Not thread-safe: owned by the call manager's control plane.
 */
public final class PvcTable {
    /** Fixed part of a CO_PVC: AF handle, ParamType, Length. */
    public static final int HEADER_BYTES = 16;

    private final Map<String, byte[]> pvcs = new LinkedHashMap<>();

    /**
     * Answers OID_CO_ADD_PVC or OID_CO_DELETE_PVC.
     *
     * <p>Completes with: {@code SUCCESS} (added / deleted, bytes read set); {@code INVALID_OID} (a query, or
     * another OID); {@code INVALID_LENGTH} (shorter than {@link #HEADER_BYTES}, bytes needed set);
     * {@code INVALID_DATA} (parameters length does not fit, the PVC exists on add, or is unknown on delete). A
     * refused request changes nothing.
     *
     * @param request the OID request
     * @return the status
     */
    public Status apply(OidRequest request) {
        boolean add = request.oid() == Oids.OID_CO_ADD_PVC;
        if (!add && request.oid() != Oids.OID_CO_DELETE_PVC) {
            return Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not a PVC OID");
        }
        if (request.type() != OidRequest.Type.SET) {
            return Status.INVALID_OID.withDescription("PVC OIDs are set requests");
        }
        ByteBuffer b = ByteBuffer.wrap(request.buffer()).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < HEADER_BYTES) {
            request.bytesNeeded(HEADER_BYTES);
            return Status.INVALID_LENGTH.withDescription("CO_PVC is at least " + HEADER_BYTES + " bytes");
        }
        b.getLong();
        b.getInt();
        int len = b.getInt();
        if (len < 1 || len > b.remaining()) {
            return Status.INVALID_DATA.withDescription("CO_PVC parameters length " + len + " does not fit");
        }
        byte[] p = new byte[len];
        b.get(p);
        String name = new String(p, StandardCharsets.UTF_8);
        request.bytesRead(HEADER_BYTES + len);
        if (add) {
            if (pvcs.containsKey(name)) {
                return Status.INVALID_DATA.withDescription("PVC " + name + " exists");
            }
            pvcs.put(name, p);
        } else if (pvcs.remove(name) == null) {
            return Status.INVALID_DATA.withDescription("no PVC " + name);
        }
        return Status.SUCCESS;
    }

    /** @return the configured PVC names, in the order they were added */
    public List<String> names() {
        return new ArrayList<>(pvcs.keySet());
    }

    /** Forgets every PVC (the adapter is gone). */
    public void clear() {
        pvcs.clear();
    }

    /**
     * Encodes a CO_PVC naming PVC {@code name}.
     *
     * @param af   the address family handle (null: 0)
     * @param name the PVC's name
     * @return the buffer for OID_CO_ADD_PVC / OID_CO_DELETE_PVC
     */
    public static byte[] encode(AfHandle af, String name) {
        byte[] p = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + p.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(af == null ? 0 : af.id()).putInt(1).putInt(p.length).put(p);
        return b.array();
    }
}
