package io.jcondis.wan.tapi;

/** Why a provider session or a line ended without the application asking for it. */
public enum EndCause {
    /** The application asked (shutdownProvider). */
    REQUESTED,
    /** The miniport closed the line (LINE_CLOSE). */
    PROVIDER,
    /** The miniport asked for a full re-initialization (LINE_LINEDEVSTATE / LINEDEVSTATE_REINIT, J16). */
    REINIT,
    /** The provider session was shut down (OID_TAPI_PROVIDER_SHUTDOWN, J14). */
    SHUTDOWN,
    /** The adapter halted or was removed (J15). */
    HALTED
}
