package io.jcondis.uni.fabric;

/**
 * State of one call through a {@link UniFabric}.
 *
 * <pre>
 *   SETTING_UP --(called end's CONNECT relayed, calling end's CONNECT ACKNOWLEDGE)--&gt; ACTIVE
 *       |                                                                                |
 *       +------------(RELEASE either way, refusal, remote release, link lost)-----------+--&gt; CLEARING
 *                                                                                             |
 *                                                  (every half-call back in Null: forgotten) -+
 * </pre>
 * CLEARING is absorbing: reservations and the data path are given back on entry; the call leaves the fabric's
 * tables when the last of its half-calls has been cleared on its link.
 */
public enum FabricCallState {
    /** SETUP relayed; the called end has not answered yet. */
    SETTING_UP,
    /** Connected end to end (a point-to-multipoint call: its first party is). */
    ACTIVE,
    /** Being released on every link. */
    CLEARING
}
