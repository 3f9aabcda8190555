/**
 * ITU-T Q.2931 (B-ISDN DSS2) signalling messages, with the point-to-multipoint messages of Q.2971 and the
 * connection-modification messages of Q.2963.1, as typed immutable records plus a codec.
 *
 * <ul>
 *   <li>{@link io.jcondis.uni.q2931.Q2931Message}: one record per message type ({@link io.jcondis.uni.q2931.Setup},
 *       {@link io.jcondis.uni.q2931.Connect}, {@link io.jcondis.uni.q2931.Release}, ...), plus
 *       {@link io.jcondis.uni.q2931.UnknownMessage} for message types this module does not know.</li>
 *   <li>{@link io.jcondis.uni.q2931.InformationElement}: one record per supported information element, plus
 *       {@link io.jcondis.uni.q2931.UnrecognizedIe} and {@link io.jcondis.uni.q2931.InvalidIe} so that nothing
 *       received is silently lost.</li>
 *   <li>{@link io.jcondis.uni.q2931.Q2931Codec}: encoder and never-throwing decoder (bit-ruler diagrams there).</li>
 *   <li>{@link io.jcondis.uni.q2931.CauseValue}, {@link io.jcondis.uni.q2931.CauseLocation},
 *       {@link io.jcondis.uni.q2931.Q2931Timers}: the standard constants.</li>
 * </ul>
 *
 * <p>The codec checks syntax only. Procedure-level checks (mandatory information elements present, message
 * compatible with the call state, acting on compatibility instructions) belong to the call-control layer, which
 * gets everything it needs for them from the decoded records.
 *
 * <p>Sources: ITU-T Q.2931 (02/95) clause 4, Q.2971 (10/95) clause 8, Q.2963.1 (07/96) clause 8; field layouts
 * cross-checked against the Wireshark Q.2931 dissector ({@code epan/dissectors/packet-q2931.c}).
 */
package io.jcondis.uni.q2931;
