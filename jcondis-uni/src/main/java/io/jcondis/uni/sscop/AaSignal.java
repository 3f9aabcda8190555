package io.jcondis.uni.sscop;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;

/**
 * The AA-signals an {@link Sscop} entity gives its user (Q.2110 clause 6.1, Table 1): indications and
 * confirmations. The requests and responses are the methods of {@link Sscop}.
 *
 * <p>Order guarantees toward one user: an {@link EstablishIndication} or {@link EstablishConfirm} opens a
 * connection; {@link DataIndication}s follow in sequence order, each SD exactly once; the connection ends with
 * exactly one {@link ReleaseIndication} or {@link ReleaseConfirm} (or is replaced: a {@link ReleaseIndication}
 * followed at once by an {@link EstablishIndication} when the peer starts a new connection). Dispatch with
 * {@code instanceof} (pattern matching in {@code switch} is preview in Java 17).
 */
public sealed interface AaSignal {

    /** Who released a connection (the S bit of the END PDU, Q.2110 clause 7.2). */
    enum Source {
        /** The peer's SSCOP user asked for it (AA-RELEASE.request). */
        USER,
        /** An SSCOP entity gave up: retries exhausted, no response, or a protocol error. */
        SSCOP
    }

    /**
     * AA-ESTABLISH.indication: the peer asks for a connection; answer with {@link Sscop#establishResponse} or
     * refuse with {@link Sscop#release}.
     *
     * @param uu the peer's SSCOP-UU (from its BGN)
     */
    record EstablishIndication(Octets uu) implements AaSignal {
        /** @throws NullPointerException if {@code uu} is {@code null} */
        public EstablishIndication {
            Objects.requireNonNull(uu, "uu");
        }
    }

    /**
     * AA-ESTABLISH.confirm: the connection this side asked for is established; data may flow.
     *
     * @param uu the peer's SSCOP-UU (from its BGAK)
     */
    record EstablishConfirm(Octets uu) implements AaSignal {
        /** @throws NullPointerException if {@code uu} is {@code null} */
        public EstablishConfirm {
            Objects.requireNonNull(uu, "uu");
        }
    }

    /**
     * AA-RELEASE.indication: the connection (or the attempt to make one) is gone, released by the peer or by
     * SSCOP itself. Data not yet acknowledged may have been lost.
     *
     * @param uu     the peer's SSCOP-UU (from its END or BGREJ), empty when SSCOP released
     * @param source who released it
     */
    record ReleaseIndication(Octets uu, Source source) implements AaSignal {
        /** @throws NullPointerException if an argument is {@code null} */
        public ReleaseIndication {
            Objects.requireNonNull(uu, "uu");
            Objects.requireNonNull(source, "source");
        }
    }

    /** AA-RELEASE.confirm: the release this side asked for is complete (or has given up waiting for ENDAK). */
    record ReleaseConfirm() implements AaSignal {
    }

    /**
     * AA-DATA.indication: one SDU received in sequence.
     *
     * @param data     the SDU
     * @param sequence the N(S) it was carried with (for logs and tests)
     */
    record DataIndication(Octets data, int sequence) implements AaSignal {
        /** @throws NullPointerException if {@code data} is {@code null} */
        public DataIndication {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * AA-RESYNC.indication: the peer resynchronised the connection (sequence numbers restart, buffers are
     * cleared); answer with {@link Sscop#resyncResponse()}.
     *
     * @param uu the peer's SSCOP-UU (from its RS)
     */
    record ResyncIndication(Octets uu) implements AaSignal {
        /** @throws NullPointerException if {@code uu} is {@code null} */
        public ResyncIndication {
            Objects.requireNonNull(uu, "uu");
        }
    }

    /** AA-RESYNC.confirm: the resynchronisation this side asked for is complete. */
    record ResyncConfirm() implements AaSignal {
    }

    /**
     * AA-RECOVER.indication: the connection recovered from a protocol error (ER/ERAK exchanged); data in flight
     * may have been lost. Answer with {@link Sscop#recoverResponse()} to resume data transfer.
     */
    record RecoverIndication() implements AaSignal {
    }

    /**
     * AA-UNITDATA.indication: unassured data (a UD PDU), in any state.
     *
     * @param data the SDU
     */
    record UnitdataIndication(Octets data) implements AaSignal {
        /** @throws NullPointerException if {@code data} is {@code null} */
        public UnitdataIndication {
            Objects.requireNonNull(data, "data");
        }
    }
}
