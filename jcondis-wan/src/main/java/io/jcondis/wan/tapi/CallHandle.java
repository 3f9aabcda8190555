package io.jcondis.wan.tapi;

/**
 * A TAPI call (lineMakeCall's or LINE_APPNEWCALL's hCall). Its id is the {@code htCall} NDISTAPI gave the
 * miniport (OID_TAPI_MAKE_CALL, or the answer to LINE_NEWCALL), also the link's ConnectionWrapperID (R47, R48);
 * ids never repeat. Valid from the make-call (or the new-call event) until {@link TapiService#closeCall}.
 * Immutable.
 *
 * @param id the htCall value
 */
public record CallHandle(long id) {
    @Override
    public String toString() {
        return "call#" + id;
    }
}
