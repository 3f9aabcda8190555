package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.core.CollectingErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.wan.pstn.PstnNetwork;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiListener;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A deterministic WAN stack for tests: INVOKER mode, manual clock, recorded events and problems. */
final class WanHarness {
    final CollectingErrorHandler problems = new CollectingErrorHandler();
    final Jcondis ndis = Jcondis.launch(new JcondisContext().errorHandler(problems));
    final WanStack wan = WanStack.create(ndis);
    final TapiService tapi = wan.tapi();
    final EventLog events = new EventLog();
    /** Lines opened through {@link #listen}. */
    final List<LineHandle> opened = new ArrayList<>();
    PstnNetwork pstn;
    ScriptedWanMiniport mp;

    WanHarness() {
        tapi.addListener(events);
    }

    /** A stack with a PSTN adapter "isdn0" of {@code lines} lines numbered 100, 101, ... (session started). */
    static WanHarness pstn(int lines) {
        WanHarness h = new WanHarness();
        h.pstn = PstnNetwork.install(h.wan, "pstn");
        h.pstn.addAdapter("isdn0", "10", lines);
        h.run();
        return h;
    }

    /** A stack with a scripted miniport's adapter "scripted0" of {@code lines} lines (session started). */
    static WanHarness scripted(int lines) {
        WanHarness h = new WanHarness();
        h.mp = new ScriptedWanMiniport(h.wan, "scripted");
        h.mp.lines = lines;
        h.mp.start("scripted0");
        h.run();
        return h;
    }

    /** Opens device {@code dev} of the scripted miniport with detection on; returns the line. */
    LineHandle scriptedLine(int dev) {
        return listen(dev);
    }

    /**
     * Scripted: makes a call on {@code line}, reports it PROCEEDING, line-up, CONNECTED; returns the call.
     */
    CallHandle scriptedConnected(LineHandle line) {
        CallHandle c = ok(tapi.makeCall(line, "555", null));
        long hd = mp.hdOf(c.id());
        assertThat(mp.callState(line.id(), c.id(), Tapi.LINECALLSTATE_PROCEEDING, 0)).isEqualTo(Status.SUCCESS);
        assertThat(mp.lineUp(hd, 640).status()).isEqualTo(Status.SUCCESS);
        assertThat(mp.callState(line.id(), c.id(), Tapi.LINECALLSTATE_CONNECTED, 0)).isEqualTo(Status.SUCCESS);
        run();
        return c;
    }

    /** Expects the request to be done now (no run) with {@code code}. */
    static void fails(TapiRequest<?> r, Status.Code code) {
        assertThat(r.status().code()).as(r.toString()).isEqualTo(code);
    }

    /** Only the expected violations (by rule id) were reported, at least one of each, and nothing else. */
    void assertOnlyViolations(String... rules) {
        for (String rule : rules) {
            assertViolation(rule);
        }
        assertThat(problems.problems()).allMatch(p -> java.util.Arrays.stream(rules).anyMatch(r -> p.contains(" " + r
                + ": ")), "only " + java.util.Arrays.toString(rules));
    }

    AdapterHandle adapter(int i) {
        return wan.adapters().get(i);
    }

    void run() {
        ndis.runUntilIdle();
    }

    void advance(long ns) {
        ndis.advanceClock(ns);
    }

    /** Runs deferred work and expects the request to have succeeded; returns its value. */
    <T> T ok(TapiRequest<T> r) {
        run();
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
        return r.value();
    }

    /** Opens device {@code dev} and enables digital-data detection on it. */
    LineHandle listen(int dev) {
        LineHandle l = ok(tapi.open(dev));
        opened.add(l);
        ok(tapi.setDefaultMediaDetection(l, Tapi.LINEMEDIAMODE_DIGITALDATA));
        return l;
    }

    /** Line a calls the number of line b (both listening), b answers; returns {caller, callee}. */
    CallHandle[] connect(LineHandle a, LineHandle b, String number) {
        CallHandle c = ok(tapi.makeCall(a, number, null));
        advance(20_000_000L);
        CallHandle in = events.newCalls(b).get(0);
        ok(tapi.answer(in));
        run();
        assertThat(tapi.callState(c).value()).isEqualTo(TapiCallState.CONNECTED);
        assertThat(tapi.callState(in).value()).isEqualTo(TapiCallState.CONNECTED);
        return new CallHandle[] {c, in};
    }

    void assertNoProblems() {
        assertThat(problems.problems()).isEmpty();
    }

    void assertViolation(String rule) {
        assertThat(problems.problems()).anyMatch(p -> p.contains(" " + rule + ": "));
    }

    void assertQuiescent() {
        run();
        assertThat(wan.snapshot().isQuiescent()).as(wan.snapshot().toString()).isTrue();
    }

    /** Closes every line still known to the stack, then expects nothing left (leak check). */
    void assertQuiescentAfterClosingLines() {
        for (LineEvent e : new ArrayList<>(events.all)) {
            if (e.line() != null) {
                tapi.close(e.line());
            }
        }
        for (LineHandle l : opened) {
            tapi.close(l);
        }
        assertQuiescent();
    }


    /** Records every event and data callback. */
    static final class EventLog implements TapiListener {
        final List<LineEvent> all = new ArrayList<>();
        final List<String> received = new ArrayList<>();
        final List<Packet> sendCompletions = new ArrayList<>();

        @Override
        public void onEvent(LineEvent event) {
            all.add(event);
        }

        @Override
        public void onReceive(CallHandle call, Packet packet) {
            received.add(call + ":" + new String(packet.toBytes()));
        }

        @Override
        public void onSendComplete(CallHandle call, Packet packet) {
            sendCompletions.add(packet);
        }

        <T extends LineEvent> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
        }

        List<CallHandle> newCalls(LineHandle line) {
            return of(LineEvent.NewCall.class).stream().filter(e -> e.line().equals(line))
                    .map(LineEvent.NewCall::call).collect(Collectors.toList());
        }

        List<TapiCallState> states(CallHandle call) {
            return of(LineEvent.CallStateChanged.class).stream().filter(e -> e.call().equals(call))
                    .map(LineEvent.CallStateChanged::state).collect(Collectors.toList());
        }

        LineEvent.CallStateChanged last(CallHandle call) {
            List<LineEvent.CallStateChanged> l = of(LineEvent.CallStateChanged.class).stream()
                    .filter(e -> e.call().equals(call)).collect(Collectors.toList());
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }

        void clear() {
            all.clear();
            received.clear();
            sendCompletions.clear();
        }
    }
}
