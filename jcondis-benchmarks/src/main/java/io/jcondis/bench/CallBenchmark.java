package io.jcondis.bench;

import io.jcondis.api.VcHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Call set-up plus teardown per second on the embedded switch, beside a plain method-call baseline that
 * makes as many hand-offs as one call cycle crosses the runtime boundary (docs/performance.md).
 *
 * <pre>
 *   switchCallCycle: createVc; makeCall; runUntilIdle (callee offered, accepts, caller connected);
 *                    closeCall; runUntilIdle (callee closes its leaf, switch deletes it, close completes);
 *                    deleteVc
 *   plainHandOffs:   N calls alternating between two objects, N = the trace events of one call cycle
 * </pre>
 *
 * <p>N is counted once per trial on a separate, traced runtime (tracing stays off in the measured one) and
 * printed as {@code hand-offs per call cycle: N}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallBenchmark {
    private Fixture fixture;
    private long closedAtStart;
    private int handOffs;
    private Peer ping;
    private Peer pong;

    /** Builds the switch and counts the crossings of one call cycle. */
    @Setup(Level.Trial)
    public void setUp() {
        handOffs = (int) Fixture.crossings(Fixture::callCycle, Fixture::callCycle);
        System.out.println("hand-offs per call cycle: " + handOffs);
        fixture = new Fixture();
        closedAtStart = fixture.caller.callsClosed;
        ping = new Peer();
        pong = new Peer();
        ping.other = pong;
        pong.other = ping;
    }

    /** Checks that nothing was reported or left behind. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (fixture.sw.activeCalls() != 0 || fixture.ndis.snapshot().vcs() != 0
                || fixture.callee.callsClosed != fixture.caller.callsClosed - closedAtStart) {
            throw new IllegalStateException("call cycles leaked: " + fixture.ndis.snapshot());
        }
        fixture.checkClean();
        fixture.ndis.close();
    }

    /** One call from make-call to connected, closed, and its VC deleted. */
    @Benchmark
    public VcHandle switchCallCycle() {
        return fixture.callCycle();
    }

    /** As many plain method-call hand-offs between two objects as one call cycle makes crossings. */
    @Benchmark
    public long plainHandOffs() {
        Peer p = ping;
        long token = 0;
        for (int i = 0; i < handOffs; i++) {
            token = p.take(token);
            p = p.other;
        }
        return token;
    }

    /** One side of the baseline hand-off. */
    static final class Peer {
        Peer other;
        long taken;

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        long take(long token) {
            taken++;
            return token + 1;
        }
    }
}
