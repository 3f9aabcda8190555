package io.jcondis.uni.signal;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.sscop.Sscop;
import java.util.Objects;

/**
 * The signalling AAL as call control uses it (the AAL primitives of Q.2931 clause 5.6.9 / Q.2130): the requests a
 * {@link UniLink} gives its SSCOP entity. The entity's indications come back through
 * {@link UniLink#onAaSignal}. Called on the link's thread only.
 */
public interface Saal {

    /** @return AA-ESTABLISH.request; {@code NOT_ACCEPTED} out of state */
    Status establish();

    /** @return AA-ESTABLISH.response to an indication */
    Status establishResponse();

    /** @return AA-RELEASE.request */
    Status release();

    /**
     * AA-DATA.request.
     *
     * @param message one encoded Q.2931 message
     * @return {@code SUCCESS}, {@code NOT_ACCEPTED} out of state, {@code RESOURCES} if the queue is full
     */
    Status send(byte[] message);

    /** @return AA-RESYNC.response */
    Status resyncResponse();

    /** @return AA-RECOVER.response */
    Status recoverResponse();

    /**
     * @param sscop the SSCOP entity whose user the link is (its {@code SscopOutput.signal} must feed
     *              {@link UniLink#onAaSignal})
     * @return the entity's requests as a {@link Saal}, with empty SSCOP-UU
     */
    static Saal over(Sscop sscop) {
        Objects.requireNonNull(sscop, "sscop");
        return new Saal() {
            @Override
            public Status establish() {
                return sscop.establish(Octets.EMPTY);
            }

            @Override
            public Status establishResponse() {
                return sscop.establishResponse(Octets.EMPTY);
            }

            @Override
            public Status release() {
                return sscop.release(Octets.EMPTY);
            }

            @Override
            public Status send(byte[] message) {
                return sscop.send(Octets.of(message));
            }

            @Override
            public Status resyncResponse() {
                return sscop.resyncResponse();
            }

            @Override
            public Status recoverResponse() {
                return sscop.recoverResponse();
            }
        };
    }
}
