package io.jcondis.bench;

import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.wan.WanStack;
import io.jcondis.wan.pstn.PstnNetwork;
import io.jcondis.wan.pstn.Subscriber;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * TAPI call cycles per second on the simulated telephone network (issue 3 item 8), beside two baselines measured
 * in the same run (docs/performance.md, section WAN):
 * <pre>
 *   pstnTapiCallCycle:  makeCall (OID_TAPI_MAKE_CALL) to an answering subscriber; clock advanced past set-up and
 *                       answer (DIALING, PROCEEDING, RINGBACK, line-up, CONNECTED); drop (OID_TAPI_DROP, link
 *                       down, IDLE); closeCall (OID_TAPI_CLOSE_CALL)
 *   condisCallCycle:    the CoNDIS call cycle on the embedded switch (CallBenchmark.switchCallCycle): the same
 *                       life of a call one layer down, on the same runtime and control plane
 *   plainStateMachine:  N transitions of a HashMap-held call record, N = the WAN stack's trace lines (requests,
 *                       completions, indications, events) of one TAPI call cycle
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WanBenchmark {
    private static final long SETTLE_NS = 50_000_000L;
    private Jcondis ndis;
    private TapiService tapi;
    private LineHandle line;
    private Fixture condis;
    private int messages;
    private final Map<Long, int[]> plainCalls = new HashMap<>();
    private long plainNext;

    /** One runtime with the PSTN (one line "100", subscriber "200" answering) and the switch fixture. */
    @Setup(Level.Trial)
    public void setUp() {
        messages = countMessages();
        System.out.println("WAN messages per TAPI call cycle: " + messages);
        ndis = Jcondis.launch();
        WanStack wan = WanStack.create(ndis);
        line = openLine(wan);
        tapi = wan.tapi();
        condis = new Fixture();
    }

    private static LineHandle openLine(WanStack wan) {
        PstnNetwork pstn = PstnNetwork.install(wan, "pstn");
        pstn.addAdapter("isdn0", "10", 1);
        pstn.addSubscriber("200", Subscriber.Mode.ANSWER);
        wan.runtime().runUntilIdle();
        TapiRequest<LineHandle> open = wan.tapi().open(wan.tapi().devices().get(0).deviceId());
        wan.runtime().runUntilIdle();
        return open.value();
    }

    private static int countMessages() {
        Jcondis n = Jcondis.launch();
        WanStack wan = WanStack.create(n);
        LineHandle l = openLine(wan);
        cycle(n, wan.tapi(), l);
        int[] count = {0};
        wan.addTraceListener(s -> count[0]++);
        cycle(n, wan.tapi(), l);
        n.close();
        return count[0];
    }

    private static CallHandle cycle(Jcondis n, TapiService tapi, LineHandle l) {
        TapiRequest<CallHandle> make = tapi.makeCall(l, "200", null);
        n.advanceClock(SETTLE_NS);
        CallHandle c = make.value();
        if (tapi.callState(c).value() != TapiCallState.CONNECTED) {
            throw new IllegalStateException("call not connected: " + tapi.callState(c));
        }
        tapi.drop(c);
        n.runUntilIdle();
        TapiRequest<Void> close = tapi.closeCall(c);
        n.runUntilIdle();
        if (close.status() != Status.SUCCESS) {
            throw new IllegalStateException("close-call " + close.status());
        }
        return c;
    }

    /** Checks that nothing was left behind. */
    @TearDown(Level.Trial)
    public void tearDown() {
        condis.checkClean();
        condis.ndis.close();
        ndis.close();
    }

    /** One TAPI call on the PSTN: make, connected, drop, close-call. */
    @Benchmark
    public CallHandle pstnTapiCallCycle() {
        return cycle(ndis, tapi, line);
    }

    /** Baseline: one CoNDIS call cycle on the embedded switch, same runtime design. */
    @Benchmark
    public VcHandle condisCallCycle() {
        return condis.callCycle();
    }

    /** Baseline: as many state changes of a HashMap-held call record as one TAPI cycle has WAN messages. */
    @Benchmark
    public long plainStateMachine() {
        long id = plainNext++;
        plainCalls.put(id, new int[] {0});
        for (int i = 0; i < messages; i++) {
            int[] st = plainCalls.get(id);
            st[0] = st[0] == 0x100 ? 0x1 : st[0] << 1 | 1;
        }
        return plainCalls.remove(id)[0];
    }
}
