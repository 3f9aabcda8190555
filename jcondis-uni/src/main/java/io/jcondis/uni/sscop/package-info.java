/**
 * SSCOP, the Service Specific Connection Oriented Protocol of ITU-T Q.2110, as used by the signalling AAL and
 * carried over UDP/IP as Q.2111 describes: the PDUs as records ({@link io.jcondis.uni.sscop.SscopPdu}), a
 * trailer-based codec ({@link io.jcondis.uni.sscop.SscopCodec}, bit-ruler diagrams there) and the protocol
 * parameter defaults ({@link io.jcondis.uni.sscop.SscopParameters}).
 *
 * <p>Sources: ITU-T Q.2110 (07/94) clause 7 (PDU formats); layouts cross-checked against the Wireshark SSCOP
 * dissector ({@code epan/dissectors/packet-sscop.c}) and the FreeBSD ngatm SSCOP ({@code netnatm/saal}).
 */
package io.jcondis.uni.sscop;
