package io.jcondis.wan.tapi;

/**
 * An open TAPI line (lineOpen's hLine). Its id is the {@code htLine} NDISTAPI gave the miniport in OID_TAPI_OPEN,
 * from one counter that never repeats, so a closed line's handle can never name another line (G2). The
 * miniport's own {@code hdLine} is never shown to applications. Immutable.
 *
 * @param id the htLine value
 */
public record LineHandle(long id) {
    @Override
    public String toString() {
        return "line#" + id;
    }
}
