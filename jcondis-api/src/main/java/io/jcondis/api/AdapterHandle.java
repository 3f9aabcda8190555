package io.jcondis.api;

/**
 * A miniport adapter (one NIC instance; MiniportAdapterHandle).
 *
 * @param id the never-reused id
 */
public record AdapterHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "adapter#" + id;
    }
}
