package io.jcondis.api;

/**
 * A registered service access point (NdisSapHandle).
 *
 * @param id the never-reused id
 */
public record SapHandle(long id) implements Handle {
    @Override
    public String toString() {
        return "sap#" + id;
    }
}
