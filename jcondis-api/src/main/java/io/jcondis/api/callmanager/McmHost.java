package io.jcondis.api.callmanager;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One host of a miniport call manager: an adapter with its addresses, a link of some capacity each way and what
 * is still free of it, the PVCs its clients configured, and its frame counters. Made by {@link McmHosts#add};
 * shared by the embedded switch and the uni call manager so that both keep and answer for their hosts alike.
 *
 * <p>Not thread-safe: owned by the call manager's control plane (the frame counters are bumped from the data
 * path under the runtime's lock as well).
 */
public final class McmHost {
    private final String name;
    private final List<String> addresses = new ArrayList<>();
    private final long capacityBps;
    private final PvcTable pvcs = new PvcTable();
    private long upFreeBps;
    private long downFreeBps;
    private AdapterHandle adapter;
    private long framesIn;
    private long framesOut;

    McmHost(String name, long capacityBps, List<String> addresses) {
        this.name = name;
        this.capacityBps = capacityBps;
        this.upFreeBps = capacityBps;
        this.downFreeBps = capacityBps;
        this.addresses.addAll(addresses);
    }

    /** @return the host (adapter) name, also its first address */
    public String name() {
        return name;
    }

    /** @return its addresses, the name first; live (OID_CO_ADD_ADDRESS / DELETE_ADDRESS change it) */
    public List<String> addresses() {
        return addresses;
    }

    /** @return its link capacity, bytes/s each way */
    public long capacityBps() {
        return capacityBps;
    }

    /** @return what is free of the uplink, bytes/s */
    public long upFreeBps() {
        return upFreeBps;
    }

    /** @return what is free of the downlink, bytes/s */
    public long downFreeBps() {
        return downFreeBps;
    }

    /** @return what is reserved, both ways added, bytes/s */
    public long reservedBps() {
        return (capacityBps - upFreeBps) + (capacityBps - downFreeBps);
    }

    /** @return whether {@code up} and {@code down} bytes/s are free */
    public boolean fits(long up, long down) {
        return upFreeBps >= up && downFreeBps >= down;
    }

    /** Reserves {@code up} and {@code down} bytes/s (the caller checked {@link #fits}). */
    public void take(long up, long down) {
        upFreeBps -= up;
        downFreeBps -= down;
    }

    /** Gives back {@code up} and {@code down} bytes/s. */
    public void give(long up, long down) {
        upFreeBps += up;
        downFreeBps += down;
    }

    /** @return its adapter, once initialized */
    public AdapterHandle adapter() {
        return adapter;
    }

    void adapter(AdapterHandle a) {
        adapter = a;
    }

    /** @return the PVCs its clients configured (OID_CO_ADD_PVC, C1) */
    public PvcTable pvcs() {
        return pvcs;
    }

    /** Counts a frame received by a client of this host. */
    public void countIn() {
        framesIn++;
    }

    /** Counts a frame a client of this host sent. */
    public void countOut() {
        framesOut++;
    }

    /** @return frames its clients received */
    public long framesIn() {
        return framesIn;
    }

    /** @return frames its clients sent */
    public long framesOut() {
        return framesOut;
    }

    /**
     * Answers an adapter-level query the miniport side of a call manager gets: OID_GEN_CO_LINK_SPEED (in
     * 100 bit/s), MEDIA_CONNECT_STATUS (connected), XMIT_PDUS_OK, RCV_PDUS_OK, VENDOR_DESCRIPTION; any other is
     * INVALID_OID.
     *
     * @param request the request
     * @param vendor  the vendor description (a NUL is appended)
     * @return the status
     */
    public Status answerAdapterOid(OidRequest request, String vendor) {
        return switch (request.oid()) {
            case Oids.OID_GEN_CO_LINK_SPEED -> request.answerLong(capacityBps * 8 / 100);
            case Oids.OID_GEN_CO_MEDIA_CONNECT_STATUS -> request.answerLong(0);
            case Oids.OID_GEN_CO_XMIT_PDUS_OK -> request.answerLong(framesOut);
            case Oids.OID_GEN_CO_RCV_PDUS_OK -> request.answerLong(framesIn);
            case Oids.OID_GEN_CO_VENDOR_DESCRIPTION ->
                    request.answerBytes((vendor + "\0").getBytes(StandardCharsets.US_ASCII));
            default -> Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not supported");
        };
    }

    /**
     * Answers OID_CO_GET_ADDRESSES: the addresses, NUL-separated, UTF-8.
     *
     * @param request the request
     * @return the status
     */
    public Status answerAddresses(OidRequest request) {
        return request.answerBytes(String.join("\0", addresses).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "host " + name;
    }
}
