/**
 * SSCOP, the Service Specific Connection Oriented Protocol of ITU-T Q.2110, as used by the signalling AAL and
 * carried over UDP/IP as Q.2111 describes.
 *
 * <ul>
 *   <li>Wire: the PDUs as records ({@link io.jcondis.uni.sscop.SscopPdu}), a trailer-based codec
 *       ({@link io.jcondis.uni.sscop.SscopCodec}, bit-ruler diagrams there) and the parameter defaults
 *       ({@link io.jcondis.uni.sscop.SscopParameters}).</li>
 *   <li>Protocol: the entity ({@link io.jcondis.uni.sscop.Sscop}) with its states
 *       ({@link io.jcondis.uni.sscop.SscopState}), the AA-signals toward its user
 *       ({@link io.jcondis.uni.sscop.AaSignal}), its outputs ({@link io.jcondis.uni.sscop.SscopOutput}), its
 *       injected clock ({@link io.jcondis.uni.sscop.Timers}), parameters
 *       ({@link io.jcondis.uni.sscop.SscopConfig}), MAA-ERROR codes ({@link io.jcondis.uni.sscop.MaaError}) and
 *       counters ({@link io.jcondis.uni.sscop.SscopStatistics}). Transport- and time-agnostic, single-threaded.</li>
 *   <li>Transport: {@link io.jcondis.uni.sscop.SscopUdpEndpoint}, one entity on one UDP socket and one Netty event
 *       loop, one PDU per datagram.</li>
 * </ul>
 *
 * <p>Sources: ITU-T Q.2110 (07/94) clause 7 (PDU formats, states, state variables, timers, credit) and clause 8
 * (procedures); behaviour cross-checked against public implementations: the Wireshark SSCOP dissector
 * ({@code epan/dissectors/packet-sscop.c}), the FreeBSD ngatm SSCOP ({@code netnatm/saal}) and the FreeBSD HARP
 * SSCOP ({@code sys/netatm/uni}). docs/uni.md summarises the UDP binding.
 */
package io.jcondis.uni.sscop;
