package io.jcondis.api;

/**
 * A virtual connection (NdisVcHandle).
 *
 * @param id the never-reused id
 */
public record VcHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "vc#" + id;
    }
}
