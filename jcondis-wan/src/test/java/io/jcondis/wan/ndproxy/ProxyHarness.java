package io.jcondis.wan.ndproxy;

import io.jcondis.api.Ndis;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.embedded.EmbeddedSwitch;
import io.jcondis.core.CollectingErrorHandler;
import io.jcondis.wan.WanStack;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiListener;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two TAPI applications over the embedded switch, deterministic (INVOKER mode): application A on a WAN stack
 * whose NDPROXY binds host {@code hosta}, application B on its own WAN stack whose NDPROXY binds {@code hostb}.
 */
final class ProxyHarness {
    final CollectingErrorHandler problems = new CollectingErrorHandler();
    final Jcondis ndis = Jcondis.launch(new JcondisContext().errorHandler(problems));
    final EmbeddedSwitch sw;
    final App a;
    final App b;

    /** One TAPI application: its WAN stack, NDPROXY and recorded events. */
    static final class App {
        final WanStack wan;
        final TapiService tapi;
        final NdProxy proxy;
        final Events events = new Events();
        final List<LineHandle> lines = new ArrayList<>();

        App(Jcondis ndis, String host, int lines) {
            wan = WanStack.create(ndis);
            tapi = wan.tapi();
            tapi.addListener(events);
            proxy = NdProxy.install(ndis, wan, "ndproxy-" + host, new NdProxy.Options().adapters(host)
                    .defaultLines(lines));
        }
    }

    ProxyHarness(int lines) {
        this(lines, rt -> EmbeddedSwitch.install(rt, "switch"));
    }

    /** With the switch {@code install} registers on the runtime (a {@link TapiProxyMcm}, for instance). */
    ProxyHarness(int lines, Function<Ndis, EmbeddedSwitch> install) {
        sw = install.apply(ndis);
        sw.addHost("hosta", EmbeddedSwitch.DEFAULT_CAPACITY_BPS);
        sw.addHost("hostb", EmbeddedSwitch.DEFAULT_CAPACITY_BPS);
        a = new App(ndis, "hosta", lines);
        b = new App(ndis, "hostb", lines);
        run();
    }

    void run() {
        ndis.runUntilIdle();
    }

    <T> T ok(TapiRequest<T> r) {
        run();
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
        return r.value();
    }

    /** Opens device {@code dev} of {@code app} and enables data detection (K4: registers the line's SAP). */
    LineHandle listen(App app, int dev) {
        LineHandle l = ok(app.tapi.open(dev));
        app.lines.add(l);
        ok(app.tapi.setDefaultMediaDetection(l, Tapi.LINEMEDIAMODE_DIGITALDATA));
        return l;
    }

    /** A's line calls {@code address}, B answers its offered call; returns {caller, callee}. */
    CallHandle[] connect(LineHandle from, LineHandle to, String address) {
        CallHandle c = ok(a.tapi.makeCall(from, address, null));
        run();
        List<CallHandle> offered = b.events.newCalls(to);
        assertThat(offered).as("K4 LINE_NEWCALL on B").isNotEmpty();
        CallHandle in = offered.get(offered.size() - 1);
        assertThat(b.tapi.callState(in).value()).isEqualTo(TapiCallState.OFFERING);
        ok(b.tapi.answer(in));
        run();
        assertThat(a.tapi.callState(c).value()).isEqualTo(TapiCallState.CONNECTED);
        assertThat(b.tapi.callState(in).value()).isEqualTo(TapiCallState.CONNECTED);
        return new CallHandle[] {c, in};
    }

    void send(App app, CallHandle c, String text) {
        Status st = app.tapi.send(c, Packet.wrap(text.getBytes()));
        assertThat(st.isSuccess() || st.isPending()).as("send " + st).isTrue();
        run();
    }

    void assertNoProblems() {
        assertThat(problems.problems()).isEmpty();
    }

    /**
     * A drops its call (K5: the far end sees DISCONNECTED), both close their calls (R41), then
     * {@link #shutdownAndAssertClean}.
     */
    void closeBothAndAssertClean(CallHandle caller, CallHandle callee) {
        ok(a.tapi.drop(caller));
        assertThat(b.events.last(callee).state()).isEqualTo(TapiCallState.DISCONNECTED);
        ok(a.tapi.closeCall(caller));
        ok(b.tapi.closeCall(callee));
        shutdownAndAssertClean();
    }

    /** Ends both sessions (K5) and checks nothing is left on either side (runtime and both WAN stacks). */
    void shutdownAndAssertClean() {
        for (App app : List.of(a, b)) {
            for (LineHandle l : app.lines) {
                if (app.tapi.lineState(l) != io.jcondis.wan.tapi.LineState.CLOSED) {
                    ok(app.tapi.close(l));
                }
            }
        }
        a.proxy.shutdown();
        b.proxy.shutdown();
        run();
        assertThat(a.proxy.openAfs()).isZero();
        assertThat(b.proxy.openAfs()).isZero();
        assertThat(a.proxy.liveVcs()).isZero();
        assertThat(b.proxy.liveVcs()).isZero();
        assertThat(ndis.snapshot().isQuiescent()).as(ndis.snapshot().toString()).isTrue();
        assertThat(a.wan.snapshot().isQuiescent()).as(a.wan.snapshot().toString()).isTrue();
        assertThat(b.wan.snapshot().isQuiescent()).as(b.wan.snapshot().toString()).isTrue();
        assertThat(sw.activeCalls()).isZero();
        assertNoProblems();
    }

    /** Records every event and data callback of one application. */
    static final class Events implements TapiListener {
        final List<LineEvent> all = new ArrayList<>();
        final List<String> received = new ArrayList<>();

        @Override
        public void onEvent(LineEvent event) {
            all.add(event);
        }

        @Override
        public void onReceive(CallHandle call, Packet packet) {
            received.add(new String(packet.toBytes()));
        }

        @Override
        public void onSendComplete(CallHandle call, Packet packet) {
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
    }
}
