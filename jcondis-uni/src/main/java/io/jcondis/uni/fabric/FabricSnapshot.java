package io.jcondis.uni.fabric;

import io.jcondis.uni.data.DataEndpointCounters;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.signal.LinkState;
import io.jcondis.uni.sscop.SscopStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent picture of a {@link UniFabric}, taken on its event loop: every call with its half-calls, parties and
 * reservations, every link with its capacity, counters and protocol state, and the fabric's counters. Tests use
 * {@link #quiescent()} as the leak check.
 *
 * @param calls    the calls, oldest first
 * @param links    the links, in configuration order
 * @param counters the fabric's counters
 */
public record FabricSnapshot(List<CallView> calls, List<LinkView> links, Counters counters) {

    /** Copies the lists. */
    public FabricSnapshot {
        calls = List.copyOf(calls);
        links = List.copyOf(links);
    }

    /**
     * One call through the fabric.
     *
     * @param id                the call's handle (for the remote actions)
     * @param state             its state
     * @param pointToMultipoint whether it is a point-to-multipoint call
     * @param rootLink          the link of the calling end (the root)
     * @param rootVc            the VPI/VCI the calling end chose on its link, if any
     * @param branches          the half-calls towards the called ends, one per leaf link
     * @param parties           endpoint references of the root's parties (point-to-multipoint), ascending
     * @param reserved          bandwidth the call holds, by link name
     */
    public record CallView(FabricCallId id, FabricCallState state, boolean pointToMultipoint, String rootLink,
                           Optional<VcId> rootVc, List<BranchView> branches, List<Integer> parties,
                           Map<String, Reservation> reserved) {
    }

    /**
     * One half-call towards called ends.
     *
     * @param link    its link
     * @param vc      the VPI/VCI the fabric chose on that link
     * @param active  whether the half-call is active (CONNECT received)
     * @param parties endpoint references of its parties on that link (point-to-multipoint), ascending
     */
    public record BranchView(String link, VcId vc, boolean active, List<Integer> parties) {
    }

    /**
     * Bandwidth held on one link, bytes/s.
     *
     * @param upBps   from the link's peer towards the fabric
     * @param downBps from the fabric towards the peer
     */
    public record Reservation(long upBps, long downBps) {
    }

    /**
     * One link.
     *
     * @param name             the peer's name
     * @param state            the signalling association as call control sees it
     * @param halted           whether {@link UniFabric#haltHost} took it down
     * @param capacityBps      capacity, each direction, bytes/s
     * @param reserved         bandwidth reserved on it in total
     * @param calls            Q.2931 calls on it (its {@code UniLink}'s calls not in Null)
     * @param runningTimers    Q.2931 timers running on it
     * @param vcs              VPI/VCIs in use on it
     * @param sscop            its SSCOP entity's counters
     * @param foreignDatagrams datagrams from addresses other than the peer's, dropped
     * @param malformed        Q.2931 messages that could not be decoded, dropped
     */
    public record LinkView(String name, LinkState state, boolean halted, long capacityBps, Reservation reserved,
                           int calls, int runningTimers, int vcs, SscopStatistics sscop, long foreignDatagrams,
                           long malformed) {
    }

    /**
     * Fabric counters since start.
     *
     * @param callsRouted     SETUPs routed to a link
     * @param partiesRouted   ADD PARTYs routed
     * @param refusedByCause  calls and parties refused by the fabric itself, by Q.2931 cause value
     * @param framesForwarded VC frames forwarded (a point-to-multipoint frame counts once per leaf link)
     * @param framesDropped   VC frames the fabric could not forward (queue full, sender closing)
     * @param data            the data socket's counters (foreign, truncated, malformed, unknown VC included)
     */
    public record Counters(long callsRouted, long partiesRouted, Map<Integer, Long> refusedByCause,
                           long framesForwarded, long framesDropped, DataEndpointCounters data) {
        /** Copies the map. */
        public Counters {
            refusedByCause = Map.copyOf(refusedByCause);
        }
    }

    /**
     * @return whether nothing is left: no call, no reservation, no VPI/VCI in use, no Q.2931 call or timer and no
     *     SSCOP data outstanding on any link
     */
    public boolean quiescent() {
        if (!calls.isEmpty()) {
            return false;
        }
        for (LinkView l : links) {
            if (l.reserved().upBps() != 0 || l.reserved().downBps() != 0 || l.calls() != 0 || l.runningTimers() != 0
                    || l.vcs() != 0 || l.sscop().transmitQueued() != 0 || l.sscop().transmitBuffered() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param name a link name
     * @return that link
     * @throws IllegalArgumentException if there is none
     */
    public LinkView link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link " + name));
    }
}
