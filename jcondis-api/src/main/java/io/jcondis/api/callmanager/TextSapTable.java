package io.jcondis.api.callmanager;

import io.jcondis.api.AfHandle;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text SAPs ({@link Sap#TEXT_SAP_TYPE}, {@code address:selector}, either part may be {@code *}) that clients
 * registered on a call manager's hosts, and the match of a called address against them. Shared by the call
 * managers so that they accept, refuse (R2) and match SAPs alike.
 *
 * <p>Matching: of the SAPs on the called host whose address and selector each equal the called ones or are
 * {@code *}, the most specific wins (an exact address counts more than an exact selector). Two SAPs with the same
 * pattern on one host cannot exist (refused at registration), so the match never depends on order.
 *
 * <p>Not thread-safe: owned by the call manager's control plane.
 *
 * @param <H> the call manager's host type
 */
public final class TextSapTable<H> {
    private static final String ANY = "*";

    private final Map<SapHandle, Entry<H>> saps = new LinkedHashMap<>();

    /**
     * A registered SAP.
     *
     * @param handle   its handle
     * @param af       the AF it was registered on
     * @param host     the host it listens on
     * @param address  its address part ({@code *} for any of the host's addresses)
     * @param selector its selector part ({@code *} for any)
     * @param <H>      the host type
     */
    public record Entry<H>(SapHandle handle, AfHandle af, H host, String address, String selector) {
    }

    /**
     * B1, R2: registers a SAP on a host.
     *
     * @param sap       the SAP's handle
     * @param af        the AF it is registered on
     * @param value     the SAP as the client gave it
     * @param host      the host of the AF
     * @param hostName  the host's name (for the refusal text)
     * @param addresses the host's addresses
     * @return {@code SUCCESS} (registered), or {@code INVALID_DATA} naming R2 and why (not a text SAP, not
     *         {@code address:selector}, an address of another host, the same pattern already registered on this
     *         host); a refusal registers nothing
     */
    public Status register(SapHandle sap, AfHandle af, Sap value, H host, String hostName,
                           Collection<String> addresses) {
        if (value.sapType() != Sap.TEXT_SAP_TYPE) {
            return Status.INVALID_DATA.withDescription("R2: only text SAPs (address:selector) are understood");
        }
        String text = value.asText();
        String[] parts = text.split(":", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Status.INVALID_DATA.withDescription("R2: SAP '" + text + "' is not address:selector");
        }
        if (!parts[0].equals(ANY) && !addresses.contains(parts[0])) {
            return Status.INVALID_DATA.withDescription("R2: " + parts[0] + " is not an address of " + hostName);
        }
        for (Entry<H> s : saps.values()) {
            if (s.host() == host && s.address().equals(parts[0]) && s.selector().equals(parts[1])) {
                return Status.INVALID_DATA.withDescription("R2: SAP " + text + " is already registered");
            }
        }
        saps.put(sap, new Entry<>(sap, af, host, parts[0], parts[1]));
        return Status.SUCCESS;
    }

    /** B2: forgets a SAP (nothing happens for one not registered). */
    public void remove(SapHandle sap) {
        saps.remove(sap);
    }

    /**
     * @param host     the called host
     * @param address  the called address
     * @param selector the called selector
     * @return the most specific SAP on {@code host} matching both, or null
     */
    public Entry<H> match(H host, String address, String selector) {
        Objects.requireNonNull(host, "host");
        Entry<H> best = null;
        int bestScore = -1;
        for (Entry<H> s : saps.values()) {
            if (s.host() != host) {
                continue;
            }
            boolean addrOk = s.address().equals(ANY) || s.address().equals(address);
            boolean selOk = s.selector().equals(ANY) || s.selector().equals(selector);
            if (!addrOk || !selOk) {
                continue;
            }
            int score = (s.address().equals(ANY) ? 0 : 2) + (s.selector().equals(ANY) ? 0 : 1);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }
}
