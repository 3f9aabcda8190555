package io.jcondis.api;

/**
 * One party of a point-to-multipoint call (NdisPartyHandle).
 *
 * @param id the never-reused id
 */
public record PartyHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "party#" + id;
    }
}
