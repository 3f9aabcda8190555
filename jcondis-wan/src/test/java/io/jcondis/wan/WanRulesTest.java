package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.LineUp;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiEvent;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.wan.struct.LineCallStatus;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.CallStats;
import io.jcondis.wan.tapi.EndCause;
import io.jcondis.wan.tapi.LineDevice;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.LineState;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.jcondis.wan.WanHarness.fails;
import static org.assertj.core.api.Assertions.assertThat;

/** The WAN / TAPI rules R38-R48 of the contract (section 5), one nested class per rule. */
class WanRulesTest {

    @Nested
    class R38SessionOrder {
        @Test
        void shouldRefuseEveryTapiRequestBeforeProviderInitializeR38() {
            WanHarness h = new WanHarness();
            h.wan.autoInitialize(false);
            h.mp = new ScriptedWanMiniport(h.wan, "scripted");
            AdapterHandle a = h.mp.start("s0");
            h.run();
            assertThat(h.tapi.devices()).isEmpty();
            fails(h.tapi.open(0), Status.Code.TAPI_NODEVICE);
            fails(h.tapi.getDevCaps(0), Status.Code.TAPI_NODEVICE);
            TapiMessage m = TapiMessage.allocate(NdisTapiStructs.GET_DEV_CAPS, 256).putU32("LineDevCaps.ulTotalSize",
                    256 + NdisTapiStructs.LINE_DEV_CAPS.size());
            Status st = h.wan.oidRequest(a, new OidRequest(OidRequest.Type.QUERY, TapiOids.OID_TAPI_GET_DEV_CAPS,
                    m.buffer()), s -> { });
            assertThat(st.code()).isEqualTo(Status.Code.TAPI_NODRIVER);
            assertThat(h.mp.seen).allMatch(r -> TapiOids.info(r.oid()) == null, "no OID_TAPI_* reached it");
            assertThat(h.ok(h.tapi.initializeProvider(a))).isEqualTo(2);
            assertThat(h.mp.seen.stream().filter(r -> TapiOids.info(r.oid()) != null).map(OidRequest::oid))
                    .containsExactly(TapiOids.OID_TAPI_PROVIDER_INITIALIZE);
            assertThat(h.tapi.devices()).extracting(LineDevice::deviceId).containsExactly(0, 1);
            h.assertNoProblems();
        }

        @Test
        void shouldDeriveDeviceIdsFromEachAdaptersBaseR38() {
            WanHarness h = WanHarness.pstn(2);
            AdapterHandle second = h.pstn.addAdapter("isdn1", "20", 3);
            h.run();
            List<LineDevice> devs = h.tapi.devices();
            assertThat(devs).extracting(LineDevice::deviceId).containsExactly(0, 1, 2, 3, 4);
            assertThat(devs.subList(2, 5)).allMatch(d -> d.adapter().equals(second));
            assertThat(h.events.of(LineEvent.ProviderInitialized.class))
                    .extracting(LineEvent.ProviderInitialized::deviceIdBase).containsExactly(0, 2);
            h.assertNoProblems();
        }

        @Test
        void shouldRefuseASecondAdapterWithTheSameProviderIdR38() {
            WanHarness h = WanHarness.scripted(2);
            ScriptedWanMiniport twin = new ScriptedWanMiniport(h.wan, "twin");
            twin.providerId = h.mp.providerId;
            AdapterHandle a2 = twin.start("twin0");
            h.run();
            assertThat(h.tapi.devices()).hasSize(2).allMatch(d -> d.adapter().equals(h.mp.adapter));
            h.assertOnlyViolations("R38");
            twin.providerId = 78;
            assertThat(h.ok(h.tapi.initializeProvider(a2))).isEqualTo(2);
            assertThat(h.tapi.devices()).hasSize(4);
        }
    }

    @Nested
    class R39MediaDetection {
        @Test
        void shouldRefuseNewCallOnALineWithoutMediaDetectionR39() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle quiet = h.ok(h.tapi.open(0));
            LineHandle other = h.listen(1);
            CallHandle up = h.scriptedConnected(other);
            Result<Long> r = h.mp.svc.indicateNewCall(h.mp.adapter, quiet.id(), 900);
            assertThat(r.status().isFailure()).isTrue();
            assertThat(h.events.of(LineEvent.NewCall.class)).isEmpty();
            assertThat(h.tapi.callState(up).value()).isEqualTo(TapiCallState.CONNECTED);
            h.assertOnlyViolations("R39");
        }

        @Test
        void shouldRefuseAnOfferForAMediaModeTheLineDoesNotDetectR39() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            Result<Long> r = h.mp.offer(l.id(), 901, Tapi.LINEMEDIAMODE_G3FAX);
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            CallHandle c = h.events.newCalls(l).get(0);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.NEW);
            h.assertOnlyViolations("R39");
            h.problems.problems().clear();
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_OFFERING, 0)).isEqualTo(Status.SUCCESS);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.OFFERING);
            h.assertNoProblems();
        }

        @Test
        void shouldNotRingAPstnLineThatDoesNotListenR39() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.ok(h.tapi.open(1));
            CallHandle c = h.ok(h.tapi.makeCall(a, "101", null));
            h.advance(20_000_000L);
            assertThat(h.events.newCalls(b)).isEmpty();
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.RINGBACK);
            h.assertNoProblems();
        }
    }

    @Nested
    class R40DropKeepsHandles {
        @Test
        void shouldKeepHandlesAndStatisticsAfterDropR40() {
            WanHarness h = WanHarness.pstn(2);
            CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
            assertThat(h.tapi.send(c[0], Packet.wrap(new byte[100]))).isEqualTo(Status.PENDING);
            h.run();
            h.ok(h.tapi.drop(c[0]));
            assertThat(h.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.IDLE);
            CallStats s = h.tapi.callStats(c[0]).value();
            assertThat(s.framesSent()).isEqualTo(1);
            assertThat(s.bytesSent()).isEqualTo(100);
            assertThat(s.linkSpeedBps()).isEqualTo(64_000);
            assertThat(s.linkUp()).isFalse();
            LineCallStatus cs = h.ok(h.tapi.getCallStatus(c[0]));
            assertThat(cs.callState()).isEqualTo(Tapi.LINECALLSTATE_IDLE);
            assertThat(h.ok(h.tapi.getCallInfo(c[0]))).isNotNull();
            h.ok(h.tapi.closeCall(c[0]));
            fails(h.tapi.getCallStatus(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.tapi.callStats(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            h.assertNoProblems();
        }

        @Test
        void shouldKeepTheMiniportsHdCallUntilCloseCallR40() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            CallHandle c = h.scriptedConnected(l);
            long hd = h.mp.hdOf(c.id());
            h.mp.svc.indicateLineDown(h.mp.adapter, h.mp.links.get(hd));
            h.ok(h.tapi.drop(c));
            h.ok(h.tapi.getCallStatus(c));
            h.ok(h.tapi.setAppSpecific(c, 7));
            OidRequest q = h.mp.last(TapiOids.OID_TAPI_SET_APP_SPECIFIC);
            assertThat(TapiMessage.wrap(NdisTapiStructs.SET_APP_SPECIFIC, q.buffer()).ptr("hdCall")).isEqualTo(hd);
            h.assertNoProblems();
        }
    }

    @Nested
    class R41CloseCall {
        @Test
        void shouldDropImplicitlyAndFailEveryLaterRequestR41() {
            WanHarness h = WanHarness.pstn(2);
            CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
            h.ok(h.tapi.closeCall(c[0]));
            assertThat(h.events.of(LineEvent.LinkDown.class)).extracting(LineEvent.LinkDown::call).contains(c[0]);
            assertThat(h.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.DISCONNECTED);
            fails(h.tapi.drop(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.closeCall(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.answer(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.getCallInfo(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.tapi.send(c[0], Packet.wrap(new byte[1])).code())
                    .isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.pstn.callRecords(h.adapter(0))).isEqualTo(1);
            h.assertNoProblems();
        }

        @Test
        void shouldNeverFailCloseCallWhenTheMiniportAnswersFailureR41() {
            WanHarness h = WanHarness.scripted(2);
            CallHandle victim = h.scriptedConnected(h.listen(0));
            CallHandle bystander = h.scriptedConnected(h.listen(1));
            h.mp.answers.put(TapiOids.OID_TAPI_CLOSE_CALL, Status.FAILURE);
            TapiRequest<Void> r = h.tapi.closeCall(victim);
            h.run();
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            h.assertOnlyViolations("R41");
            fails(h.tapi.drop(victim), Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.tapi.callState(bystander).value()).isEqualTo(TapiCallState.CONNECTED);
            assertThat(h.tapi.callStats(bystander).value().linkUp()).isTrue();
        }

        @Test
        void shouldAbortRequestsStillPendingOnTheCallWhenCloseCallCompletesR41() {
            WanHarness h = WanHarness.scripted(1);
            CallHandle c = h.scriptedConnected(h.listen(0));
            h.mp.pend.add(TapiOids.OID_TAPI_GET_CALL_STATUS);
            TapiRequest<LineCallStatus> q = h.tapi.getCallStatus(c);
            assertThat(q.status()).isEqualTo(Status.PENDING);
            h.ok(h.tapi.closeCall(c));
            assertThat(q.status()).isEqualTo(Status.REQUEST_ABORTED);
            h.assertOnlyViolations("R41");
            h.problems.problems().clear();
            h.mp.completeAll(Status.SUCCESS);
            h.assertOnlyViolations("G5");
            h.assertQuiescentAfterClosingLines();
        }

        @Test
        void shouldWaitForAPendingMakeCallAndThenCloseItR41() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            h.mp.pend.add(TapiOids.OID_TAPI_MAKE_CALL);
            TapiRequest<CallHandle> make = h.tapi.makeCall(l, "555", null);
            CallHandle c = make.value();
            TapiRequest<Void> close = h.tapi.closeCall(c);
            assertThat(close.status()).isEqualTo(Status.PENDING);
            fails(h.tapi.drop(c), Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.mp.count(TapiOids.OID_TAPI_CLOSE_CALL)).isZero();
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_MAKE_CALL), Status.SUCCESS);
            h.run();
            assertThat(h.mp.count(TapiOids.OID_TAPI_CLOSE_CALL)).isEqualTo(1);
            assertThat(TapiMessage.wrap(NdisTapiStructs.CLOSE_CALL, h.mp.last(TapiOids.OID_TAPI_CLOSE_CALL).buffer())
                    .ptr("hdCall")).isEqualTo(h.mp.hdOf(c.id()));
            assertThat(close.status()).isEqualTo(Status.SUCCESS);
            h.assertNoProblems();
            h.assertQuiescentAfterClosingLines();
        }
    }

    @Nested
    class R42RemoteHangUp {
        @Test
        void shouldReportDisconnectedAndLineDownAndKeepTheCallR42() {
            WanHarness h = WanHarness.pstn(2);
            CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
            h.ok(h.tapi.drop(c[1]));
            h.run();
            LineEvent.CallStateChanged last = h.events.last(c[0]);
            assertThat(last.state()).isEqualTo(TapiCallState.DISCONNECTED);
            assertThat(last.mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_NORMAL);
            assertThat(h.events.of(LineEvent.LinkDown.class)).extracting(LineEvent.LinkDown::call).contains(c[0]);
            h.advance(60_000_000_000L);
            assertThat(h.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.DISCONNECTED);
            assertThat(h.ok(h.tapi.getCallStatus(c[0])).callState()).isEqualTo(Tapi.LINECALLSTATE_DISCONNECTED);
            assertThat(h.tapi.send(c[0], Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
            h.ok(h.tapi.drop(c[0]));
            h.ok(h.tapi.closeCall(c[0]));
            h.ok(h.tapi.closeCall(c[1]));
            h.assertNoProblems();
            h.assertQuiescentAfterClosingLines();
        }

        @Test
        void shouldKeepAScriptedCallDisconnectedUntilCloseCallR42() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            CallHandle c = h.scriptedConnected(l);
            long hd = h.mp.hdOf(c.id());
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_DISCONNECTED,
                    Tapi.LINEDISCONNECTMODE_NORMAL)).isEqualTo(Status.SUCCESS);
            assertThat(h.mp.svc.indicateLineDown(h.mp.adapter, h.mp.links.get(hd))).isEqualTo(Status.SUCCESS);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.DISCONNECTED);
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_CONNECTED, 0).isFailure()).isTrue();
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.DISCONNECTED);
            h.assertOnlyViolations("3.7");
        }

        /** Two scripted calls up on two lines; the miniport reports c[0] DISCONNECTED but leaves its link up. */
        private CallHandle[] disconnectedWithLinkUp(WanHarness h) {
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle[] c = {h.scriptedConnected(a), h.scriptedConnected(b)};
            assertThat(h.mp.callState(a.id(), c[0].id(), Tapi.LINECALLSTATE_DISCONNECTED,
                    Tapi.LINEDISCONNECTMODE_NORMAL)).isEqualTo(Status.SUCCESS);
            h.run();
            assertThat(h.tapi.callStats(c[0]).value().linkUp()).isTrue();
            h.events.clear();
            return c;
        }

        /** c[0] is in {@code state} with its link down; the other call kept its link and still sends. */
        private void assertOtherCallUntouched(WanHarness h, CallHandle[] c, TapiCallState state) {
            assertThat(h.tapi.callState(c[0]).value()).isEqualTo(state);
            assertThat(h.tapi.callStats(c[0]).value().linkUp()).isFalse();
            assertOtherCallUntouched(h, c);
        }

        /** The other call kept its link and still sends; nothing else was reported. */
        private void assertOtherCallUntouched(WanHarness h, CallHandle[] c) {
            assertThat(h.events.of(LineEvent.LinkDown.class)).extracting(LineEvent.LinkDown::call)
                    .containsExactly(c[0]);
            assertThat(h.tapi.callStats(c[1]).value().linkUp()).isTrue();
            assertThat(h.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.CONNECTED);
            Packet p = Packet.wrap(new byte[5]);
            assertThat(h.tapi.send(c[1], p)).isEqualTo(Status.SUCCESS);
            assertThat(h.mp.sends).containsExactly(p);
            h.assertOnlyViolations("R42");
        }

        /** Exactly one problem: the violation R42, reported when {@code oid} completed. */
        private void assertOneR42At(WanHarness h, String oid) {
            assertThat(h.problems.problems()).hasSize(1).allMatch(p -> p.contains(" R42: ") && p.contains(oid));
        }

        /** A well-behaved end for the other call (line-down first, then close-call); nothing leaks. */
        private void endOtherCall(WanHarness h, CallHandle c) {
            long hd = h.mp.hdOf(c.id());
            assertThat(h.mp.svc.indicateLineDown(h.mp.adapter, h.mp.links.get(hd))).isEqualTo(Status.SUCCESS);
            h.ok(h.tapi.closeCall(c));
            h.assertQuiescentAfterClosingLines();
            h.assertOnlyViolations("R42");
        }

        @Test
        void shouldReportDisconnectedWithoutLineDownWhenTheDropCompletesR42() {
            WanHarness h = WanHarness.scripted(2);
            CallHandle[] c = disconnectedWithLinkUp(h);
            h.ok(h.tapi.drop(c[0]));
            assertOneR42At(h, "OID_TAPI_DROP");
            assertOtherCallUntouched(h, c, TapiCallState.IDLE);
            h.ok(h.tapi.closeCall(c[0]));
            endOtherCall(h, c[1]);
        }

        @Test
        void shouldReportDisconnectedWithoutLineDownWhenAFailedDropCompletesR42() {
            WanHarness h = WanHarness.scripted(2);
            CallHandle[] c = disconnectedWithLinkUp(h);
            h.mp.answers.put(TapiOids.OID_TAPI_DROP, Status.of(Status.Code.TAPI_INVALCALLSTATE));
            TapiRequest<Void> d = h.tapi.drop(c[0]);
            h.run();
            fails(d, Status.Code.TAPI_INVALCALLSTATE);
            assertOtherCallUntouched(h, c, TapiCallState.DISCONNECTED);
        }

        @Test
        void shouldReportDisconnectedWithoutLineDownWhenCloseCallCompletesR42() {
            WanHarness h = WanHarness.scripted(2);
            CallHandle[] c = disconnectedWithLinkUp(h);
            h.ok(h.tapi.closeCall(c[0]));
            assertOneR42At(h, "OID_TAPI_CLOSE_CALL");
            assertThat(h.tapi.callState(c[0]).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            assertOtherCallUntouched(h, c);
            endOtherCall(h, c[1]);
        }

        @Test
        void shouldAcceptALineDownThatComesWhileTheDropIsPendingR42() {
            WanHarness h = WanHarness.scripted(2);
            CallHandle[] c = disconnectedWithLinkUp(h);
            h.mp.pend.add(TapiOids.OID_TAPI_DROP);
            TapiRequest<Void> d = h.tapi.drop(c[0]);
            h.run();
            long hd = h.mp.hdOf(c[0].id());
            assertThat(h.mp.svc.indicateLineDown(h.mp.adapter, h.mp.links.get(hd))).isEqualTo(Status.SUCCESS);
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_DROP), Status.SUCCESS);
            h.run();
            assertThat(d.status()).isEqualTo(Status.SUCCESS);
            h.assertNoProblems();
            assertThat(h.tapi.callStats(c[1]).value().linkUp()).isTrue();
        }
    }

    @Nested
    class R43HaltAndReset {
        @Test
        void shouldDisconnectCallsAtHaltButKeepThemUntilCloseCallR43() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle[] c = h.connect(a, b, "101");
            assertThat(h.pstn.removeAdapter(h.adapter(0))).isEqualTo(Status.SUCCESS);
            h.run();
            for (CallHandle x : c) {
                assertThat(h.tapi.callState(x).value()).isEqualTo(TapiCallState.DISCONNECTED);
                assertThat(h.ok(h.tapi.getCallStatus(x)).callState()).isEqualTo(Tapi.LINECALLSTATE_DISCONNECTED);
                assertThat(h.tapi.callStats(x).value().linkUp()).isFalse();
            }
            assertThat(h.tapi.lineState(a)).isEqualTo(LineState.REMOVED);
            h.ok(h.tapi.drop(c[0]));
            assertThat(h.tapi.callState(c[0]).value()).isEqualTo(TapiCallState.IDLE);
            h.ok(h.tapi.closeCall(c[0]));
            h.ok(h.tapi.closeCall(c[1]));
            h.ok(h.tapi.close(a));
            h.ok(h.tapi.close(b));
            h.assertNoProblems();
            h.assertQuiescent();
        }

        @Test
        void shouldDisconnectCallsAtResetButKeepTheirRecordsR43() {
            WanHarness h = WanHarness.pstn(2);
            CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
            AdapterHandle ad = h.adapter(0);
            assertThat(h.wan.reset(ad)).isEqualTo(Status.SUCCESS);
            h.run();
            for (CallHandle x : c) {
                assertThat(h.tapi.callState(x).value()).isEqualTo(TapiCallState.DISCONNECTED);
                assertThat(h.events.last(x).mode()).isEqualTo(Tapi.LINEDISCONNECTMODE_UNAVAIL);
            }
            assertThat(h.pstn.callRecords(ad)).isEqualTo(2);
            assertThat(h.ok(h.tapi.getCallStatus(c[0])).callState()).isEqualTo(Tapi.LINECALLSTATE_DISCONNECTED);
            h.ok(h.tapi.closeCall(c[0]));
            assertThat(h.pstn.callRecords(ad)).isEqualTo(1);
            h.ok(h.tapi.closeCall(c[1]));
            assertThat(h.pstn.callRecords(ad)).isZero();
            h.assertNoProblems();
        }

        @Test
        void shouldForceTheDisconnectWhenAMiniportKeepsACallUpAcrossResetR43() {
            WanHarness h = WanHarness.scripted(1);
            CallHandle c = h.scriptedConnected(h.listen(0));
            assertThat(h.wan.reset(h.mp.adapter)).isEqualTo(Status.SUCCESS);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.DISCONNECTED);
            assertThat(h.tapi.callStats(c).value().linkUp()).isFalse();
            h.assertOnlyViolations("R43");
            h.ok(h.tapi.closeCall(c));
        }
    }

    @Nested
    class R44LineClose {
        @Test
        void shouldCloseTheCallsFirstThenTheLineAndFailLaterRequestsR44() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle[] c = h.connect(a, b, "101");
            List<String> order = new ArrayList<>();
            h.wan.addTraceListener(s -> {
                if (s.startsWith("wan -> pstn")) {
                    order.add(s);
                }
            });
            h.ok(h.tapi.close(a));
            assertThat(order).hasSize(2);
            assertThat(order.get(0)).contains("OID_TAPI_CLOSE_CALL");
            assertThat(order.get(1)).contains("OID_TAPI_CLOSE)");
            assertThat(h.tapi.lineState(a)).isEqualTo(LineState.CLOSED);
            fails(h.tapi.makeCall(a, "101", null), Status.Code.TAPI_INVALLINEHANDLE);
            fails(h.tapi.getLineDevStatus(a), Status.Code.TAPI_INVALLINEHANDLE);
            fails(h.tapi.close(a), Status.Code.TAPI_INVALLINEHANDLE);
            fails(h.tapi.setDefaultMediaDetection(a, Tapi.LINEMEDIAMODE_DIGITALDATA),
                    Status.Code.TAPI_INVALLINEHANDLE);
            fails(h.tapi.drop(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.closeCall(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            h.run();
            assertThat(h.tapi.callState(c[1]).value()).isEqualTo(TapiCallState.DISCONNECTED);
            h.ok(h.tapi.getLineDevStatus(b));
            h.ok(h.tapi.closeCall(c[1]));
            h.ok(h.tapi.close(b));
            h.assertNoProblems();
            h.assertQuiescent();
        }

        @Test
        void shouldCloseTheLineEvenWhenTheMiniportFailsOidTapiCloseR44() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle keep = h.scriptedConnected(b);
            h.mp.answers.put(TapiOids.OID_TAPI_CLOSE, Status.FAILURE);
            assertThat(h.ok(h.tapi.close(a))).isNull();
            h.assertOnlyViolations("R44");
            assertThat(h.tapi.lineState(a)).isEqualTo(LineState.CLOSED);
            assertThat(h.tapi.lineState(b)).isEqualTo(LineState.OPEN);
            assertThat(h.tapi.callState(keep).value()).isEqualTo(TapiCallState.CONNECTED);
            LineHandle again = h.ok(h.tapi.open(0));
            assertThat(again).isNotEqualTo(a);
        }

        @Test
        void shouldRefuseEventsAndRawRequestsForAClosedLineR44() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            long hdLine = 1000;
            h.ok(h.tapi.close(l));
            TapiMessage m = TapiMessage.allocate(NdisTapiStructs.SET_STATUS_MESSAGES, 0).putPtr("hdLine", hdLine);
            Status st = h.wan.oidRequest(h.mp.adapter, new OidRequest(OidRequest.Type.SET,
                    TapiOids.OID_TAPI_SET_STATUS_MESSAGES, m.buffer()), s -> { });
            assertThat(st.code()).isEqualTo(Status.Code.TAPI_INVALLINEHANDLE);
            assertThat(h.mp.svc.indicateNewCall(h.mp.adapter, l.id(), 5).status().isFailure()).isTrue();
            h.assertOnlyViolations("R48");
        }
    }

    @Nested
    class R45ProviderShutdown {
        @Test
        void shouldTakeEveryLinkDownAndDropAllTapiStateAtShutdownR45() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle[] c = h.connect(a, b, "101");
            h.ok(h.tapi.shutdownProvider(h.adapter(0)));
            assertThat(h.events.of(LineEvent.LineClosed.class)).extracting(LineEvent.LineClosed::cause)
                    .containsExactly(EndCause.SHUTDOWN, EndCause.SHUTDOWN);
            assertThat(h.events.of(LineEvent.LinkDown.class)).hasSize(2);
            assertThat(h.events.of(LineEvent.ProviderShutdown.class)).extracting(LineEvent.ProviderShutdown::cause)
                    .containsExactly(EndCause.REQUESTED);
            assertThat(h.tapi.devices()).isEmpty();
            fails(h.tapi.drop(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.close(b), Status.Code.TAPI_INVALLINEHANDLE);
            assertThat(h.pstn.callRecords(h.adapter(0))).isZero();
            h.assertQuiescent();
            h.assertNoProblems();
            assertThat(h.ok(h.tapi.initializeProvider(h.adapter(0)))).isEqualTo(2);
            assertThat(h.tapi.devices()).extracting(LineDevice::deviceId).containsExactly(2, 3);
        }

        @Test
        void shouldReportLinksAMiniportLeavesUpAfterShutdownR45() {
            WanHarness h = WanHarness.scripted(1);
            CallHandle c = h.scriptedConnected(h.listen(0));
            h.ok(h.tapi.shutdownProvider(h.mp.adapter));
            h.assertOnlyViolations("R45");
            assertThat(h.tapi.callState(c).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            h.assertQuiescent();
        }
    }

    @Nested
    class R46EndOfSessionAndReinit {
        @Test
        void shouldAbortRequestsAMiniportLeavesPendingAtHaltR46() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle l = h.listen(0);
            h.mp.pend.add(TapiOids.OID_TAPI_GET_LINE_DEV_STATUS);
            TapiRequest<?> q = h.tapi.getLineDevStatus(l);
            assertThat(q.status()).isEqualTo(Status.PENDING);
            assertThat(h.mp.svc.haltAdapter(h.mp.adapter)).isEqualTo(Status.SUCCESS);
            assertThat(q.status()).isEqualTo(Status.REQUEST_ABORTED);
            h.assertOnlyViolations("R46");
            assertThat(h.events.of(LineEvent.LineDevStateChanged.class))
                    .extracting(LineEvent.LineDevStateChanged::state).containsExactly(Tapi.LINEDEVSTATE_OUTOFSERVICE);
            assertThat(h.events.of(LineEvent.ProviderShutdown.class)).extracting(LineEvent.ProviderShutdown::cause)
                    .containsExactly(EndCause.HALTED);
            assertThat(h.wan.adapters()).isEmpty();
            h.ok(h.tapi.close(l));
            h.assertQuiescent();
        }

        @Test
        void shouldCompletePendingRequestsAtHaltAndRestartAtProviderInitializeOnReloadR46() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle l = h.listen(0);
            h.pstn.pendRequests(true);
            TapiRequest<?> q = h.tapi.getLineDevStatus(l);
            assertThat(q.status()).isEqualTo(Status.PENDING);
            h.pstn.removeAdapter(h.adapter(0));
            assertThat(q.status()).isEqualTo(Status.REQUEST_ABORTED);
            h.assertNoProblems();
            h.pstn.pendRequests(false);
            h.ok(h.tapi.close(l));
            h.pstn.addAdapter("isdn0", "10", 2);
            h.run();
            assertThat(h.events.of(LineEvent.ProviderInitialized.class)).extracting(
                    LineEvent.ProviderInitialized::deviceIdBase).containsExactly(0, 2);
            LineHandle again = h.listen(2);
            LineHandle other = h.listen(3);
            h.connect(again, other, "101");
            h.assertNoProblems();
        }

        @Test
        void shouldReinitializeFullyWhenTheLineCountChangesR46() {
            WanHarness h = WanHarness.pstn(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle[] c = h.connect(a, b, "101");
            h.events.clear();
            assertThat(h.pstn.setLineCount(h.adapter(0), 3)).isEqualTo(Status.SUCCESS);
            h.run();
            assertThat(h.events.of(LineEvent.LineDevStateChanged.class)).extracting(
                    LineEvent.LineDevStateChanged::state).contains(Tapi.LINEDEVSTATE_REINIT);
            assertThat(h.events.of(LineEvent.LineClosed.class)).extracting(LineEvent.LineClosed::cause)
                    .containsExactly(EndCause.REINIT, EndCause.REINIT);
            assertThat(h.events.of(LineEvent.ProviderShutdown.class)).extracting(LineEvent.ProviderShutdown::cause)
                    .containsExactly(EndCause.REINIT);
            List<LineEvent.ProviderInitialized> init = h.events.of(LineEvent.ProviderInitialized.class);
            assertThat(init).hasSize(1);
            assertThat(init.get(0).numLines()).isEqualTo(3);
            assertThat(h.tapi.devices()).extracting(LineDevice::deviceId).containsExactly(2, 3, 4);
            fails(h.tapi.drop(c[0]), Status.Code.TAPI_INVALCALLHANDLE);
            fails(h.tapi.close(a), Status.Code.TAPI_INVALLINEHANDLE);
            h.listen(4);
            h.assertNoProblems();
        }
    }

    @Nested
    class R47LineUpBeforeGetId {
        @Test
        void shouldAnswerTheLinkContextOfAConnectedPstnCallR47() {
            WanHarness h = WanHarness.pstn(2);
            CallHandle[] c = h.connect(h.listen(0), h.listen(1), "101");
            long ctx = h.events.of(LineEvent.LinkUp.class).stream().filter(e -> e.call().equals(c[0]))
                    .findFirst().orElseThrow().linkContext();
            assertThat(h.ok(h.tapi.getLinkId(c[0]))).isEqualTo(ctx);
            List<LineEvent> seq = h.events.all.stream().filter(e -> e instanceof LineEvent.LinkUp
                    && ((LineEvent.LinkUp) e).call().equals(c[0]) || e instanceof LineEvent.CallStateChanged
                    && ((LineEvent.CallStateChanged) e).call().equals(c[0])
                    && ((LineEvent.CallStateChanged) e).state() == TapiCallState.CONNECTED)
                    .collect(Collectors.toList());
            assertThat(seq.get(0)).isInstanceOf(LineEvent.LinkUp.class);
            h.assertNoProblems();
        }

        @Test
        void shouldRefuseGetIdCompletedBeforeTheLineUpR47() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            CallHandle c = h.ok(h.tapi.makeCall(l, "555", null));
            assertThat(h.tapi.send(c, Packet.wrap(new byte[1])).code()).isEqualTo(Status.Code.NOT_ACCEPTED);
            TapiRequest<Long> id = h.tapi.getLinkId(c);
            assertThat(id.status()).isEqualTo(Status.FAILURE);
            h.assertOnlyViolations("R47");
            h.problems.problems().clear();
            long ctx = h.mp.lineUp(h.mp.hdOf(c.id()), 640).value();
            assertThat(h.ok(h.tapi.getLinkId(c))).isEqualTo(ctx);
            h.assertNoProblems();
        }

        @Test
        void shouldRefuseALineUpForAnUnknownHtCallOrASecondLineUpR47() {
            WanHarness h = WanHarness.scripted(1);
            CallHandle c = h.scriptedConnected(h.listen(0));
            Result<Long> stray = h.mp.svc.indicateLineUp(h.mp.adapter, new LineUp(640, 0, 1, 4242, 9));
            assertThat(stray.status().isFailure()).isTrue();
            Result<Long> twice = h.mp.lineUp(h.mp.hdOf(c.id()), 640);
            assertThat(twice.status().isFailure()).isTrue();
            h.assertOnlyViolations("R47");
            assertThat(h.tapi.callStats(c).value().linkUp()).isTrue();
        }
    }

    @Nested
    class R48TapiHandles {
        @Test
        void shouldNameTheAllocatedHandleInTheReplyOfAPendedOpenOrMakeCallR48() {
            WanHarness h = WanHarness.scripted(2);
            h.mp.pend.add(TapiOids.OID_TAPI_OPEN);
            h.mp.pend.add(TapiOids.OID_TAPI_MAKE_CALL);
            TapiRequest<LineHandle> open = h.tapi.open(0);
            TapiRequest<LineHandle> failedOpen = h.tapi.open(1);
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_OPEN), Status.SUCCESS);
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_OPEN), Status.of(Status.Code.TAPI_RESOURCEUNAVAIL));
            h.run();
            LineHandle l = open.value();
            TapiRequest<CallHandle> make = h.tapi.makeCall(l, "555", null);
            TapiRequest<CallHandle> failedMake = h.tapi.makeCall(l, "556", null);
            CallHandle c = make.value();
            CallHandle dead = failedMake.value();
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_MAKE_CALL), Status.SUCCESS);
            h.mp.complete(h.mp.pendingOf(TapiOids.OID_TAPI_MAKE_CALL), Status.of(Status.Code.TAPI_CALLUNAVAIL));
            h.run();
            assertThat(failedOpen.status().code()).isEqualTo(Status.Code.TAPI_RESOURCEUNAVAIL);
            assertThat(failedMake.status().code()).isEqualTo(Status.Code.TAPI_CALLUNAVAIL);
            assertThat(h.events.of(LineEvent.RequestCompleted.class)).extracting(e -> e.operation() + " "
                    + e.status().code() + " " + e.line() + " " + e.call()).containsExactly(
                    "open SUCCESS " + l + " null",
                    "open TAPI_RESOURCEUNAVAIL " + failedOpen.value() + " null",
                    "makeCall SUCCESS " + l + " " + c,
                    "makeCall TAPI_CALLUNAVAIL " + l + " " + dead);
            LineHandle deadLine = failedOpen.value();
            assertThat(deadLine).isNotNull().isNotEqualTo(l);
            assertThat(h.tapi.lineState(deadLine)).isEqualTo(LineState.CLOSED);
            assertThat(dead).isNotNull().isNotEqualTo(c);
            assertThat(h.tapi.callState(dead).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.NEW);
            h.assertNoProblems();
        }

        @Test
        void shouldPassHtLineAndHtCallAndMapThemToTheMiniportsHandlesR48() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle l = h.listen(1);
            OidRequest open = h.mp.last(TapiOids.OID_TAPI_OPEN);
            assertThat(TapiMessage.wrap(NdisTapiStructs.OPEN, open.buffer()).ptr("htLine")).isEqualTo(l.id());
            CallHandle c = h.ok(h.tapi.makeCall(l, "555", null));
            OidRequest make = h.mp.last(TapiOids.OID_TAPI_MAKE_CALL);
            TapiMessage mm = TapiMessage.wrap(NdisTapiStructs.MAKE_CALL, make.buffer());
            assertThat(mm.ptr("htCall")).isEqualTo(c.id());
            assertThat(mm.ptr("hdLine")).isEqualTo(1001);
            h.ok(h.tapi.drop(c));
            TapiMessage dm = TapiMessage.wrap(NdisTapiStructs.DROP, h.mp.last(TapiOids.OID_TAPI_DROP).buffer());
            assertThat(dm.ptr("hdCall")).isEqualTo(h.mp.hdOf(c.id()));
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_IDLE, 0)).isEqualTo(Status.SUCCESS);
            h.assertNoProblems();
        }

        @Test
        void shouldIgnoreHandlesAFailedOpenOrMakeCallReturnedR48() {
            WanHarness h = WanHarness.scripted(1);
            h.mp.answers.put(TapiOids.OID_TAPI_OPEN, Status.of(Status.Code.TAPI_INVALMEDIAMODE));
            TapiRequest<LineHandle> open = h.tapi.open(0);
            assertThat(open.status().code()).isEqualTo(Status.Code.TAPI_INVALMEDIAMODE);
            LineHandle dead = open.value();
            assertThat(h.tapi.lineState(dead)).isEqualTo(LineState.CLOSED);
            assertThat(h.mp.svc.indicateTapiEvent(h.mp.adapter, new TapiEvent(dead == null ? 1 : dead.id(), 0,
                    Tapi.LINE_LINEDEVSTATE, Tapi.LINEDEVSTATE_RINGING, 0, 0)).isFailure()).isTrue();
            h.mp.answers.clear();
            LineHandle l = h.listen(0);
            h.mp.answers.put(TapiOids.OID_TAPI_MAKE_CALL, Status.FAILURE);
            TapiRequest<CallHandle> make = h.tapi.makeCall(l, "555", null);
            assertThat(make.status()).isEqualTo(Status.FAILURE);
            long hd = h.mp.hdOf(make.value() == null ? -7 : make.value().id());
            assertThat(h.tapi.callState(make.value()).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            h.mp.answers.clear();
            CallHandle ok = h.ok(h.tapi.makeCall(l, "555", null));
            assertThat(ok).isNotNull();
            assertThat(hd).isNotEqualTo(h.mp.hdOf(ok.id()));
            h.assertOnlyViolations("R48");
        }

        @Test
        void shouldRefuseEventsNamingHandlesTapiNeverGaveR48() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle a = h.listen(0);
            LineHandle b = h.listen(1);
            CallHandle onA = h.scriptedConnected(a);
            assertThat(h.mp.callState(9999, onA.id(), Tapi.LINECALLSTATE_IDLE, 0).isFailure()).isTrue();
            assertThat(h.mp.callState(b.id(), onA.id(), Tapi.LINECALLSTATE_IDLE, 0).isFailure()).isTrue();
            assertThat(h.mp.callState(a.id(), 8888, Tapi.LINECALLSTATE_IDLE, 0).isFailure()).isTrue();
            Result<Long> dup = h.mp.svc.indicateNewCall(h.mp.adapter, b.id(), h.mp.hdOf(onA.id()));
            assertThat(dup.status().isFailure()).isTrue();
            assertThat(h.tapi.callState(onA).value()).isEqualTo(TapiCallState.CONNECTED);
            assertThat(h.events.newCalls(b)).isEmpty();
            h.assertOnlyViolations("R48");
        }
    }

    @Nested
    class MiniportMisbehaviour {
        @Test
        void shouldRefuseASecondCompletionOfTheSameRequest() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle l = h.listen(0);
            CallHandle other = h.scriptedConnected(h.listen(1));
            h.mp.pend.add(TapiOids.OID_TAPI_SET_STATUS_MESSAGES);
            TapiRequest<Void> r = h.tapi.setStatusMessages(l, Tapi.LINEDEVSTATE_RINGING, 0);
            OidRequest req = h.mp.pendingOf(TapiOids.OID_TAPI_SET_STATUS_MESSAGES);
            h.mp.complete(req, Status.SUCCESS);
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            h.mp.complete(req, Status.FAILURE);
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            h.assertOnlyViolations("G5");
            assertThat(h.tapi.callState(other).value()).isEqualTo(TapiCallState.CONNECTED);
            assertThat(h.wan.snapshot().pendingRequests()).isZero();
        }

        @Test
        void shouldRefuseACompletionOfTheWrongTypeOrWithPending() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            h.mp.pend.add(TapiOids.OID_TAPI_SET_STATUS_MESSAGES);
            TapiRequest<Void> r = h.tapi.setStatusMessages(l, 0, 0);
            OidRequest req = h.mp.pendingOf(TapiOids.OID_TAPI_SET_STATUS_MESSAGES);
            h.mp.svc.queryInformationComplete(h.mp.adapter, req, Status.SUCCESS);
            h.mp.svc.setInformationComplete(h.mp.adapter, req, Status.PENDING);
            assertThat(r.status()).isEqualTo(Status.PENDING);
            h.mp.complete(req, Status.SUCCESS);
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            h.assertOnlyViolations("G5");
        }

        @Test
        void shouldRefuseAnIllegalCallStateChangeAndKeepTheState() {
            WanHarness h = WanHarness.scripted(1);
            LineHandle l = h.listen(0);
            CallHandle c = h.ok(h.tapi.makeCall(l, "555", null));
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_OFFERING, 0).isFailure()).isFalse();
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_DIALING, 0).isFailure()).isTrue();
            assertThat(h.mp.callState(l.id(), c.id(), Tapi.LINECALLSTATE_IDLE | Tapi.LINECALLSTATE_BUSY, 0)
                    .isFailure()).isTrue();
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.OFFERING);
            h.assertOnlyViolations("3.7");
        }

        @Test
        void shouldReportAHandlerThatThrowsAndAnswerFailure() {
            WanHarness h = WanHarness.scripted(2);
            LineHandle l = h.listen(0);
            CallHandle c = h.scriptedConnected(h.listen(1));
            h.mp.throwOn.add(TapiOids.OID_TAPI_SET_STATUS_MESSAGES);
            TapiRequest<Void> r = h.tapi.setStatusMessages(l, 0, 0);
            assertThat(r.status()).isEqualTo(Status.FAILURE);
            assertThat(h.problems.problems()).singleElement().asString().contains("threw");
            assertThat(h.wan.snapshot().handlerErrors()).isEqualTo(1);
            assertThat(h.tapi.callState(c).value()).isEqualTo(TapiCallState.CONNECTED);
            assertThat(h.wan.snapshot().pendingRequests()).isZero();
        }

        @Test
        void shouldRefuseAWanSendCompletionForAPacketNotInFlight() {
            WanHarness h = WanHarness.scripted(1);
            CallHandle c = h.scriptedConnected(h.listen(0));
            Packet p = Packet.wrap(new byte[3]);
            h.mp.svc.wanSendComplete(h.mp.adapter, p, Status.SUCCESS);
            h.assertOnlyViolations("J8");
            assertThat(h.tapi.send(c, p)).isEqualTo(Status.SUCCESS);
            assertThat(h.mp.sends).containsExactly(p);
        }
    }
}
