package io.jcondis.api;

/**
 * One client open of a registered address family (NdisAfHandle).
 *
 * @param id the never-reused id
 */
public record AfHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "af#" + id;
    }
}
