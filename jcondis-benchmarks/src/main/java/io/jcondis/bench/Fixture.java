package io.jcondis.bench;

import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.ThreadingMode;
import io.jcondis.embedded.EmbeddedSwitch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The set-up both benchmarks share: an INVOKER-mode runtime, the embedded switch with two hosts (1 Gbit/s
 * links, so admission never refuses), a caller on {@code hosta} and a callee listening on {@code hostb:bench}.
 * Any contract violation or handler exception is counted and fails the trial at tear-down.
 */
final class Fixture {
    static final long CAPACITY_BPS = 1_000_000_000L / 8;
    /** What every benchmark call asks for: 10 Mbit/s guaranteed one way, best effort back. */
    static final CallParameters CALL = CallParameters.to("hostb:bench",
            FlowSpec.guaranteed(1_250_000, 1_250_000, 1500), FlowSpec.BEST_EFFORT);

    final AtomicLong problems = new AtomicLong();
    final Jcondis ndis;
    final EmbeddedSwitch sw;
    final BenchClient caller;
    final BenchClient callee;

    Fixture() {
        ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.INVOKER).errorHandler(
                new ErrorHandler() {
                    @Override
                    public void onHandlerException(String driver, String handler, Throwable error) {
                        problems.incrementAndGet();
                        System.err.println("handler exception: " + driver + "." + handler + ": " + error);
                    }

                    @Override
                    public void onContractViolation(String driver, String rule, String message) {
                        problems.incrementAndGet();
                        System.err.println("contract violation by " + driver + " (" + rule + "): " + message);
                    }
                }));
        sw = EmbeddedSwitch.install(ndis, "switch");
        caller = new BenchClient("hosta").attach(ndis, "caller");
        callee = new BenchClient("hostb").attach(ndis, "callee");
        sw.addHost("hosta", CAPACITY_BPS);
        sw.addHost("hostb", CAPACITY_BPS);
        ndis.runUntilIdle();
        if (caller.af == null || callee.af == null) {
            throw new IllegalStateException("the clients did not open their AFs");
        }
        callee.listen("hostb:bench");
        ndis.runUntilIdle();
    }

    /** One call cycle: create VC, make-call to connected, close, delete VC; returns the VC it used. */
    VcHandle callCycle() {
        Result<VcHandle> vc = caller.ndis.createVc(caller.af);
        expect("createVc", vc.status(), Status.Code.SUCCESS);
        expect("makeCall", caller.ndis.makeCall(vc.value(), CALL, false).status(), Status.Code.PENDING);
        ndis.runUntilIdle();
        if (!caller.connected) {
            throw new IllegalStateException("the call did not connect");
        }
        expect("closeCall", caller.ndis.closeCall(vc.value(), null, null), Status.Code.PENDING);
        ndis.runUntilIdle();
        if (caller.connected) {
            throw new IllegalStateException("the call did not close");
        }
        expect("deleteVc", caller.ndis.deleteVc(vc.value()), Status.Code.SUCCESS);
        return vc.value();
    }

    /** Connects one call and leaves it up; returns the caller's VC. */
    VcHandle connect() {
        Result<VcHandle> vc = caller.ndis.createVc(caller.af);
        expect("createVc", vc.status(), Status.Code.SUCCESS);
        expect("makeCall", caller.ndis.makeCall(vc.value(), CALL, false).status(), Status.Code.PENDING);
        ndis.runUntilIdle();
        if (!caller.connected) {
            throw new IllegalStateException("the call did not connect");
        }
        return vc.value();
    }

    static void expect(String what, Status actual, Status.Code code) {
        if (!actual.is(code)) {
            throw new IllegalStateException(what + ": expected " + code + ", got " + actual);
        }
    }

    /** Fails the trial if anything was reported or is left behind (after the caller closed everything). */
    void checkClean() {
        if (problems.get() != 0) {
            throw new IllegalStateException(problems.get() + " contract violations / handler exceptions");
        }
    }

    /** @return how many boundary crossings (trace events) one run of {@code action} makes on a fresh fixture */
    static long crossings(java.util.function.Consumer<Fixture> warmUp, java.util.function.Consumer<Fixture> action) {
        Fixture f = new Fixture();
        warmUp.accept(f);
        AtomicLong n = new AtomicLong();
        boolean[] on = {false};
        f.ndis.addTraceListener(e -> {
            if (on[0]) {
                n.incrementAndGet();
            }
        });
        on[0] = true;
        action.accept(f);
        on[0] = false;
        f.ndis.close();
        return n.get();
    }
}
