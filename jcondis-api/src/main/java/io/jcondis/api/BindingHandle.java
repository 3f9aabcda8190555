package io.jcondis.api;

/**
 * A protocol's binding to one adapter (NdisBindingHandle).
 *
 * @param id the never-reused id
 */
public record BindingHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "binding#" + id;
    }
}
