package io.jcondis.tck;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data, OIDs, status and naming: operations C1, C2, F1, F2, G1..G4, H1, I1, I2 and rules R31..R35
 * (contract 2.1, 2.4).
 */
class DataOidStatusRulesTest {
    private static final String A = "client a";
    private static final String B = "client b";
    private static final String SW = "cm sw";
    private static final String MSW = "miniport sw";
    private static final StatusIndication LINK_DOWN = new StatusIndication(Status.of(Status.Code.MEDIA_DISCONNECT),
            null);

    // ------------------------------------------------------------------------------------------------ F1

    @Test
    @DisplayName("F1: sends always return PENDING and complete once, in the miniport's order, with its status")
    void shouldCompleteSendsInAnyOrder() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        Packet p1 = Packet.wrap(new byte[] {1});
        Packet p2 = Packet.wrap(new byte[] {2, 2});
        assertThat(h.svc("a").send(vc, p1)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").send(vc, p2)).isEqualTo(Status.PENDING);
        assertThat(h.snapshot().sendsInFlight()).isEqualTo(2);
        var sent = h.miniport().sends();
        h.miniport().completeSend(sent.get(1), Status.SUCCESS);
        h.miniport().completeSend(sent.get(0), Status.RESOURCES);
        h.events().assertNext(format("miniport nic", "onSend", vc, "packet(1, PENDING)"),
                format("miniport nic", "onSend", vc, "packet(2, PENDING)"),
                format(A, "onSendComplete", vc, "packet(2, SUCCESS)"),
                format(A, "onSendComplete", vc, "packet(1, RESOURCES)"));
        assertThat(h.client("a").sendsCompleted()).containsExactly(p2, p1);
        assertThat(h.snapshot().sendsInFlight()).isZero();
    }

    @Test
    @DisplayName("F1: unusable sends complete asynchronously with a failure; foreign VCs are INVALID_HANDLE")
    void shouldFailBadSendsAsynchronously() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle idle = h.createVc("a", af);
        VcHandle vc = h.connectOutgoing("a", af);
        Packet onIdle = Packet.wrap(new byte[1]);
        Packet huge = Packet.wrap(new byte[Packet.MAX_PAYLOAD_BYTES + 1]);
        assertThat(h.svc("a").send(idle, onIdle)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").send(vc, huge)).isEqualTo(Status.PENDING);
        // Nothing is delivered inside the caller's stack.
        h.events().assertNothing();
        h.ndis().runUntilIdle();
        h.events().assertNext(format(A, "onSendComplete", idle, "packet(1, VC_NOT_ACTIVATED)"),
                format(A, "onSendComplete", vc, "packet(" + (Packet.MAX_PAYLOAD_BYTES + 1) + ", INVALID_LENGTH)"));
        assertThat(h.svc("b").send(vc, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").send(null, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").send(vc, null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.ndis().runUntilIdle();
        h.events().assertNothing();
        assertThat(h.miniport().sends()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ F2

    @Test
    @DisplayName("F2: a received packet kept by the client is lent until returned; then the miniport gets it back")
    void shouldLendKeptReceives() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        Packet in = Packet.wrap(new byte[] {4, 4, 4});
        assertThat(h.miniportServices().indicateReceive(vc, in, false)).isEqualTo(Status.SUCCESS);
        assertThat(h.snapshot().receivesLent()).isZero();
        h.client("a").keepReceives(true);
        assertThat(h.miniportServices().indicateReceive(vc, in, false)).isEqualTo(Status.SUCCESS);
        assertThat(h.snapshot().receivesLent()).isEqualTo(1);
        h.client("a").returnAllKept();
        h.events().assertNext(format(A, "onReceive", vc, "packet(3, PENDING)", false),
                format(A, "onReceive", vc, "packet(3, PENDING)", false),
                format(MSW, "onReturnPacket", vc, "packet(3, PENDING)"));
        assertThat(h.miniport().returned()).containsExactly(in);
        assertThat(h.snapshot().receivesLent()).isZero();
    }

    @Test
    @DisplayName("F2: receive on an unconnected VC: VC_NOT_ACTIVATED; bad VC INVALID_HANDLE; null INVALID_PARAMETER")
    void shouldRefuseBadReceives() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle idle = h.createVc("a", af);
        assertThat(h.miniportServices().indicateReceive(idle, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        h.activate(idle, CondisTestHarness.params());
        assertThat(h.miniportServices().indicateReceive(idle, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.VC_NOT_ACTIVATED);
        assertThat(h.miniportServices().indicateReceive(idle, null, false).code())
                .isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.miniportServices().indicateReceive(new VcHandle(777_777), Packet.wrap(new byte[1]), false)
                .code()).isEqualTo(Status.Code.INVALID_HANDLE);
        // A VC of another miniport's adapter is foreign.
        ScriptableMiniport other = new ScriptableMiniport("other", h.events());
        var os = h.ndis().registerMiniport("other", other);
        assertThat(os.indicateReceive(idle, Packet.wrap(new byte[1]), false).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ R31

    @Test
    @DisplayName("R31: a packet may not be sent twice while in flight, nor completed unless in flight")
    void shouldEnforceSendOwnership() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        Packet p = Packet.wrap(new byte[] {1});
        h.svc("a").send(vc, p);
        assertThat(h.svc("a").send(vc, p).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.miniportServices().sendComplete(vc, Packet.wrap(new byte[] {1}));
        h.assertViolation("R31");
        h.miniport().completeAllSends(Status.SUCCESS);
        h.miniportServices().sendComplete(vc, p);
        h.assertViolation("R31");
        h.events().assertNext(format(MSW, "onSend", vc, "packet(1, PENDING)"), format("ndis", "violation", "sw",
                "R31"), format(A, "onSendComplete", vc, "packet(1, SUCCESS)"), format("ndis", "violation", "sw",
                "R31"));
        assertThat(h.client("a").sendsCompleted()).hasSize(1);
    }

    @Test
    @DisplayName("R31: a packet indicated with RESOURCES may not be kept; returning an unknown packet is refused")
    void shouldEnforceReceiveOwnership() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        h.client("a").keepReceives(true);
        assertThat(h.miniportServices().indicateReceive(vc, Packet.wrap(new byte[1]), true))
                .isEqualTo(Status.SUCCESS);
        h.assertViolation("R31");
        assertThat(h.snapshot().receivesLent()).isZero();
        h.events().clear();
        h.svc("a").returnPacket(vc, Packet.wrap(new byte[1]));
        h.assertViolation("R31");
        h.events().assertNext(format("ndis", "violation", "a", "R31"));
    }

    // ------------------------------------------------------------------------------------------------ G1..G4

    @Test
    @DisplayName("G1: a client's OID to the miniport (no AF) reaches MiniportCoOidRequest, adapter-wide or per VC")
    void shouldRouteClientOidToMiniport() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        BindingHandle b = h.binding("a");
        OidRequest q = OidRequest.query(Oids.OID_GEN_CO_LINK_SPEED, 4);
        assertThat(h.svc("a").oidRequest(b, null, null, null, q)).isEqualTo(Status.SUCCESS);
        h.miniport().answerOnce("onOidRequest", Status.PENDING);
        OidRequest perVc = OidRequest.query(Oids.OID_GEN_CO_RCV_PDUS_OK, 8);
        assertThat(h.svc("a").oidRequest(b, null, vc, null, perVc)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").oidRequest(b, null, vc, null, perVc).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.miniportServices().oidRequestComplete(h.adapter(), vc, perVc, Status.SUCCESS);
        h.miniportServices().oidRequestComplete(h.adapter(), vc, perVc, Status.SUCCESS);
        h.assertViolation("G2");
        h.events().assertNext(format("miniport nic", "onOidRequest", h.adapter(), null, q),
                format("miniport nic", "onOidRequest", h.adapter(), vc, perVc),
                format(A, "onOidRequestComplete", null, vc, null, perVc, Status.SUCCESS),
                format("ndis", "violation", "nic", "G2"));
        h.assertNothingPending();
    }

    @Test
    @DisplayName("C1/C2/G2: OID_CO_ADD_PVC and OID_CO_DELETE_PVC go to the CM on the AF and may be pended")
    void shouldRoutePvcOidsToCallManager() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        AfHandle af = h.openAf("a");
        BindingHandle b = h.binding("a");
        OidRequest add = OidRequest.set(Oids.OID_CO_ADD_PVC, new byte[16]);
        assertThat(h.svc("a").oidRequest(b, af, null, null, add)).isEqualTo(Status.SUCCESS);
        h.cm().answerOnce("onOidRequest", Status.PENDING);
        OidRequest del = OidRequest.set(Oids.OID_CO_DELETE_PVC, new byte[16]);
        assertThat(h.svc("a").oidRequest(b, af, null, null, del)).isEqualTo(Status.PENDING);
        h.cmServices().oidRequestComplete(af, null, null, del, Status.SUCCESS);
        h.events().assertNext(format("cm cm", "onOidRequest", af, null, null, add),
                format("cm cm", "onOidRequest", af, null, null, del),
                format(A, "onOidRequestComplete", af, null, null, del, Status.SUCCESS));
        // Unknown OIDs: the CM's answer passes through.
        h.cm().answerOnce("onOidRequest", Status.INVALID_OID);
        assertThat(h.svc("a").oidRequest(b, af, null, null, OidRequest.query(0x12345678, 4)).code())
                .isEqualTo(Status.Code.INVALID_OID);
        h.assertNothingPending();
    }

    @Test
    @DisplayName("G3: an MCM's OID to the client (OID_CO_ADDRESS_CHANGE) may be pended and completes once")
    void shouldRouteCmOidToClient() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        OidRequest change = OidRequest.set(Oids.OID_CO_ADDRESS_CHANGE, null);
        h.client("a").answerOnce("onOidRequest", Status.PENDING);
        assertThat(h.cmServices().oidRequest(af, null, null, change)).isEqualTo(Status.PENDING);
        h.svc("a").oidRequestComplete(af, null, null, change, Status.SUCCESS);
        h.svc("a").oidRequestComplete(af, null, null, change, Status.SUCCESS);
        h.assertViolation("G2");
        h.events().assertNext(format(A, "onOidRequest", af, null, null, change),
                format(SW, "onOidRequestComplete", af, null, null, change, Status.SUCCESS),
                format("ndis", "violation", "a", "G2"));
        // Bad handles.
        assertThat(h.cmServices().oidRequest(null, null, null, change).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        VcHandle vc = h.createVc("a", af);
        AfHandle af2 = h.openAf("a");
        assertThat(h.cmServices().oidRequest(af2, vc, null, OidRequest.query(Oids.OID_CO_GET_ADDRESSES, 8)).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.assertNothingPending();
    }

    @Test
    @DisplayName("G4: a client's OID to an MCM goes to the CM half with an AF, to the miniport half without")
    void shouldSplitOidsBetweenMcmHalves() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        BindingHandle b = h.binding("a");
        OidRequest toCm = OidRequest.query(Oids.OID_CO_GET_ADDRESSES, 64);
        OidRequest toMp = OidRequest.query(Oids.OID_GEN_CO_VENDOR_DESCRIPTION, 64);
        h.cm().answerOnce("onOidRequest", Status.PENDING);
        h.miniport().answerOnce("onOidRequest", Status.PENDING);
        assertThat(h.svc("a").oidRequest(b, af, null, null, toCm)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").oidRequest(b, null, null, null, toMp)).isEqualTo(Status.PENDING);
        // Each half completes its own request with its own completion call.
        h.mcmServices().oidRequestComplete(h.adapter(), null, toMp, Status.SUCCESS);
        h.cmServices().oidRequestComplete(af, null, null, toCm, Status.BUFFER_TOO_SHORT);
        h.events().assertNext(format(SW, "onOidRequest", af, null, null, toCm),
                format(MSW, "onOidRequest", h.adapter(), null, toMp),
                format(A, "onOidRequestComplete", null, null, null, toMp, Status.SUCCESS),
                format(A, "onOidRequestComplete", af, null, null, toCm, Status.BUFFER_TOO_SHORT));
        // Another client's binding or AF is foreign.
        assertThat(h.svc("b").oidRequest(b, null, null, null, OidRequest.query(1, 1)).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("b").oidRequest(h.binding("b"), af, null, null, OidRequest.query(1, 1)).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.svc("a").oidRequest(b, af, null, null, null).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        h.events().assertNothing();
        h.assertNothingPending();
    }

    @Test
    @DisplayName("G2: a completion with PENDING or from the wrong driver is a violation and changes nothing")
    void shouldRefuseIllegalOidCompletions() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        OidRequest r = OidRequest.query(Oids.OID_CO_GET_ADDRESSES, 8);
        h.cm().answerOnce("onOidRequest", Status.PENDING);
        h.svc("a").oidRequest(h.binding("a"), af, null, null, r);
        h.cmServices().oidRequestComplete(af, null, null, r, Status.PENDING);
        h.assertViolation("G2");
        h.svc("b").oidRequestComplete(af, null, null, r, Status.SUCCESS);
        h.assertViolation("G2");
        assertThat(h.snapshot().pendingRequests()).isEqualTo(1);
        h.cmServices().oidRequestComplete(af, null, null, r, Status.SUCCESS);
        h.assertNothingPending();
    }

    // ------------------------------------------------------------------------------------------------ R32

    @Test
    @DisplayName("R32: CoNDIS miniport OIDs are not serialized: several may be pending and complete in any order")
    void shouldAllowConcurrentMiniportOids() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        BindingHandle b = h.binding("a");
        h.miniport().answer("onOidRequest", Status.PENDING);
        OidRequest r1 = OidRequest.query(Oids.OID_GEN_CO_LINK_SPEED, 4);
        OidRequest r2 = OidRequest.query(Oids.OID_GEN_CO_MEDIA_CONNECT_STATUS, 4);
        assertThat(h.svc("a").oidRequest(b, null, null, null, r1)).isEqualTo(Status.PENDING);
        assertThat(h.svc("a").oidRequest(b, null, null, null, r2)).isEqualTo(Status.PENDING);
        assertThat(h.snapshot().pendingRequests()).isEqualTo(2);
        h.miniportServices().oidRequestComplete(h.adapter(), null, r2, Status.SUCCESS);
        h.miniportServices().oidRequestComplete(h.adapter(), null, r1, Status.INVALID_LENGTH);
        h.events().assertNext(format("miniport nic", "onOidRequest", h.adapter(), null, r1),
                format("miniport nic", "onOidRequest", h.adapter(), null, r2),
                format(A, "onOidRequestComplete", null, null, null, r2, Status.SUCCESS),
                format(A, "onOidRequestComplete", null, null, null, r1, Status.INVALID_LENGTH));
        h.assertNothingPending();
    }

    // ------------------------------------------------------------------------------------------------ R33

    @Test
    @DisplayName("R33: OIDs to a halting adapter get NOT_ACCEPTED from the runtime; miniport aborts pass through")
    void shouldRefuseOidsWhileHalting() {
        CondisTestHarness h = CondisTestHarness.standalone("a");
        BindingHandle b = h.binding("a");
        h.miniport().answerOnce("onOidRequest", Status.REQUEST_ABORTED);
        assertThat(h.svc("a").oidRequest(b, null, null, null, OidRequest.query(Oids.OID_GEN_CO_LINK_SPEED, 4))
                .code()).isEqualTo(Status.Code.REQUEST_ABORTED);
        AfHandle af = h.openAf("a");
        h.client("a").answer("onNotifyCloseAf", Status.PENDING);
        // The stand-alone CM asks the client to close from its unbind handler.
        h.cm().inside("onUnbindAdapter", () -> h.cmServices().notifyCloseAddressFamily(af));
        assertThat(h.miniportServices().haltAdapter(h.adapter())).isEqualTo(Status.PENDING);
        h.events().clear();
        assertThat(h.svc("a").oidRequest(b, null, null, null, OidRequest.query(Oids.OID_GEN_CO_LINK_SPEED, 4))
                .code()).isEqualTo(Status.Code.NOT_ACCEPTED);
        h.events().assertNothing();
        h.closeAf("a", af);
        h.svc("a").notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
        assertThat(h.snapshot().adapters()).isZero();
        h.assertQuiescent();
    }

    // ------------------------------------------------------------------------------------------------ R34

    @Test
    @DisplayName("R34: an OID completion may arrive inside the handler, before the requester sees PENDING")
    void shouldAcceptOidCompletionInsideHandler() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AfHandle af = h.openAf("a");
        BindingHandle b = h.binding("a");
        // client -> CM
        OidRequest r1 = OidRequest.query(Oids.OID_CO_GET_ADDRESSES, 8);
        h.cm().answerOnce("onOidRequest", Status.PENDING);
        h.cm().inside("onOidRequest", () -> h.cmServices().oidRequestComplete(af, null, null, r1, Status.SUCCESS));
        assertThat(h.svc("a").oidRequest(b, af, null, null, r1)).isEqualTo(Status.PENDING);
        // client -> miniport
        OidRequest r2 = OidRequest.query(Oids.OID_GEN_CO_LINK_SPEED, 4);
        h.miniport().answerOnce("onOidRequest", Status.PENDING);
        h.miniport().inside("onOidRequest", () -> h.miniportServices().oidRequestComplete(h.adapter(), null, r2,
                Status.SUCCESS));
        assertThat(h.svc("a").oidRequest(b, null, null, null, r2)).isEqualTo(Status.PENDING);
        // CM -> client
        OidRequest r3 = OidRequest.set(Oids.OID_CO_SIGNALING_ENABLED, null);
        RecordingClient a = h.client("a");
        a.answerOnce("onOidRequest", Status.PENDING);
        a.inside("onOidRequest", () -> a.services().oidRequestComplete(af, null, null, r3, Status.SUCCESS));
        assertThat(h.cmServices().oidRequest(af, null, null, r3)).isEqualTo(Status.PENDING);
        h.events().assertNext(format(SW, "onOidRequest", af, null, null, r1),
                format(A, "onOidRequestComplete", af, null, null, r1, Status.SUCCESS),
                format(MSW, "onOidRequest", h.adapter(), null, r2),
                format(A, "onOidRequestComplete", null, null, null, r2, Status.SUCCESS),
                format(A, "onOidRequest", af, null, null, r3),
                format(SW, "onOidRequestComplete", af, null, null, r3, Status.SUCCESS));
        h.assertNothingPending();
        h.assertClean();

        // Completing inside and also answering synchronously is a violation (the completion stands).
        OidRequest r4 = OidRequest.query(Oids.OID_CO_GET_ADDRESSES, 8);
        h.cm().inside("onOidRequest", () -> h.cmServices().oidRequestComplete(af, null, null, r4, Status.SUCCESS));
        assertThat(h.svc("a").oidRequest(b, af, null, null, r4)).isEqualTo(Status.SUCCESS);
        h.assertViolation("R34");
        h.assertNothingPending();
    }

    // ------------------------------------------------------------------------------------------------ H1/R35

    @Test
    @DisplayName("H1/R35 (MCM): adapter-wide status reaches every client; a VC's status only its client")
    void shouldRouteStatusWithMcm() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        AdapterHandle ad = h.adapter();
        assertThat(h.miniportServices().indicateStatus(ad, null, LINK_DOWN)).isEqualTo(Status.SUCCESS);
        assertThat(h.miniportServices().indicateStatus(ad, vc, LINK_DOWN)).isEqualTo(Status.SUCCESS);
        h.events().assertNext(format(A, "onStatus", h.binding("a"), null, LINK_DOWN),
                format(B, "onStatus", h.binding("b"), null, LINK_DOWN),
                format(A, "onStatus", h.binding("a"), vc, LINK_DOWN));
        assertThat(h.client("a").lastIndication()).isEqualTo(LINK_DOWN);
    }

    @Test
    @DisplayName("H1/R35 (stand-alone): the CM sharing the VC gets its status too; bad handles are refused")
    void shouldRouteStatusWithStandaloneCm() {
        CondisTestHarness h = CondisTestHarness.standalone("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.connectOutgoing("a", af);
        AdapterHandle ad = h.adapter();
        var cmBinding = h.cm().bindings().get(0);
        h.miniportServices().indicateStatus(ad, null, LINK_DOWN);
        h.miniportServices().indicateStatus(ad, vc, LINK_DOWN);
        h.events().assertNext(format("cm cm", "onStatus", cmBinding, null, LINK_DOWN),
                format(A, "onStatus", h.binding("a"), null, LINK_DOWN),
                format(B, "onStatus", h.binding("b"), null, LINK_DOWN),
                format(A, "onStatus", h.binding("a"), vc, LINK_DOWN),
                format("cm cm", "onStatus", cmBinding, vc, LINK_DOWN));
        assertThat(h.miniportServices().indicateStatus(ad, null, null).code())
                .isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.miniportServices().indicateStatus(null, null, LINK_DOWN).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        assertThat(h.miniportServices().indicateStatus(ad, new VcHandle(424_242), LINK_DOWN).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        ScriptableMiniport other = new ScriptableMiniport("other", h.events());
        var os = h.ndis().registerMiniport("other", other);
        assertThat(os.indicateStatus(ad, null, LINK_DOWN).code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    @Test
    @DisplayName("R35: no status after the adapter halted (its handle is gone)")
    void shouldRefuseStatusAfterHalt() {
        CondisTestHarness h = CondisTestHarness.mcm("a");
        AdapterHandle ad = h.adapter();
        assertThat(h.miniportServices().haltAdapter(ad)).isEqualTo(Status.SUCCESS);
        h.events().clear();
        assertThat(h.miniportServices().indicateStatus(ad, null, LINK_DOWN).code())
                .isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    // ------------------------------------------------------------------------------------------------ I1/I2

    @Test
    @DisplayName("I1: a client names its VC once (idempotent); blank names and foreign VCs are refused")
    void shouldAssignInstanceNames() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        VcHandle vc = h.createVc("a", af);
        Result<String> r = h.svc("a").assignInstanceName(vc, "atm-vc");
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.value()).endsWith("atm-vc").isEqualTo(String.format("[%04X]atm-vc", vc.id()));
        assertThat(h.svc("a").assignInstanceName(vc, "other").value()).isEqualTo(r.value());
        assertThat(h.svc("a").assignInstanceName(vc, " ").status().code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        assertThat(h.svc("b").assignInstanceName(vc, "x").status().code()).isEqualTo(Status.Code.INVALID_HANDLE);
        h.events().assertNothing();
    }

    @Test
    @DisplayName("I2: TAPI call id: BUFFER_TOO_SHORT names the size, bad VC is INVALID_DATA; the reverse lookup works")
    void shouldMapTapiCallIds() {
        CondisTestHarness h = CondisTestHarness.mcm("a", "b");
        AfHandle af = h.openAf("a");
        SapHandle sap = h.registerSap("a", af, "hosta:svc");
        VcHandle vc = h.connectIncoming(af, sap);
        Result<String> small = h.svc("a").getTapiCallId(vc, 8);
        assertThat(small.status().code()).isEqualTo(Status.Code.BUFFER_TOO_SHORT);
        assertThat(small.status().description()).contains("ulNeededSize=");
        Result<String> id = h.svc("a").getTapiCallId(vc, 1024);
        assertThat(id.status()).isEqualTo(Status.SUCCESS);
        assertThat(h.svc("a").getVcFromTapiCallId(id.value()).value()).isEqualTo(vc);
        assertThat(h.svc("b").getVcFromTapiCallId(id.value()).status().code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").getVcFromTapiCallId("nope").status().code()).isEqualTo(Status.Code.FAILURE);
        assertThat(h.svc("a").getTapiCallId(new VcHandle(555_555), 1024).status().code())
                .isEqualTo(Status.Code.INVALID_DATA);
        assertThat(h.svc("b").getTapiCallId(vc, 1024).status().code()).isEqualTo(Status.Code.INVALID_DATA);
        // Once the CM's VC is closed and deleted the id maps to nothing.
        h.closeCall("a", vc, null, false);
        assertThat(h.svc("a").getVcFromTapiCallId(id.value()).status().code()).isEqualTo(Status.Code.FAILURE);
        h.events().assertNothing();
    }
}
