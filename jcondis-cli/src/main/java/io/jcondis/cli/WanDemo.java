package io.jcondis.cli;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.ThreadingMode;
import io.jcondis.wan.WanSnapshot;
import io.jcondis.wan.WanStack;
import io.jcondis.wan.pstn.PstnNetwork;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiCallState;
import io.jcondis.wan.tapi.TapiListener;
import io.jcondis.wan.tapi.TapiRequest;
import io.jcondis.wan.tapi.TapiService;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the WAN demo ({@code jcondis demo wan}): a TAPI application on the simulated telephone network.
 * <pre>
 *   act 1  provider initialize (J1), two lines open (J3), media detection on the second (J4, R39)
 *   act 2  a call made and answered (J5, J6), link up (J7), data both ways (J8, J9)
 *   act 3  a remote hang-up (J12, R42), drop and close-call (J10, J11, R40, R41)
 *   act 4  a line closed with a call still up (J13, R44)
 *   act 5  the line count changes: LINEDEVSTATE_REINIT and a full re-initialization (J16, R46)
 *   act 6  provider shutdown (J14, R45), then the leak check
 * </pre>
 * INVOKER mode with a manual clock: the output is the same on every run. Not reusable.
 */
final class WanDemo {
    private final PrintWriter out;
    private final boolean quiet;
    private final List<String> problems = new ArrayList<>();
    private Jcondis ndis;
    private WanStack wan;
    private TapiService tapi;
    private PstnNetwork pstn;
    private final List<CallHandle> offered = new ArrayList<>();

    WanDemo(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** @return 0 when every step went as narrated and nothing leaked, else 1 */
    int run() {
        ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.INVOKER).errorHandler(
                new ErrorHandler() {
                    @Override
                    public void onHandlerException(String driver, String handler, Throwable error) {
                        problems.add(driver + "." + handler + " threw " + error);
                    }

                    @Override
                    public void onContractViolation(String driver, String rule, String message) {
                        problems.add("violation " + rule + " by " + driver + ": " + message);
                    }
                }));
        try {
            wan = WanStack.create(ndis);
            tapi = wan.tapi();
            if (!quiet) {
                wan.addTraceListener(line -> out.println("   | " + line));
            }
            tapi.addListener(new Narrator());
            session();
        } catch (RuntimeException e) {
            problems.add("the demo threw " + e);
        } finally {
            ndis.close();
        }
        return leakCheck();
    }

    private void session() {
        act("Act 1: provider initialize, two lines open");
        pstn = PstnNetwork.install(wan, "pstn");
        AdapterHandle isdn = pstn.addAdapter("isdn0", "10", 2);
        ndis.runUntilIdle();
        narrate("isdn0 has " + tapi.devices().size() + " line devices: numbers 100 and 101");
        LineHandle a = ok("open device 0", tapi.open(0));
        LineHandle b = ok("open device 1", tapi.open(1));
        ok("media detection on " + b + " (digital data)", tapi.setDefaultMediaDetection(b,
                Tapi.LINEMEDIAMODE_DIGITALDATA));

        act("Act 2: a call made and answered, data both ways");
        CallHandle[] c = connect(a, b);
        ok("get-id " + c[0], tapi.getLinkId(c[0]));
        send(c[0], "hello from 100");
        send(c[1], "hello from 101");
        narrate("statistics " + c[0] + ": " + tapi.callStats(c[0]).value());

        act("Act 3: a remote hang-up, drop and close-call");
        ok("101 hangs up (for 100 a remote hang-up)", tapi.drop(c[1]));
        ndis.runUntilIdle();
        expectState(c[0], TapiCallState.DISCONNECTED);
        ok("drop " + c[0], tapi.drop(c[0]));
        expectState(c[0], TapiCallState.IDLE);
        narrate("R40: after the drop " + c[0] + " still answers: " + tapi.callStats(c[0]).value());
        ok("close-call " + c[0], tapi.closeCall(c[0]));
        ok("close-call " + c[1], tapi.closeCall(c[1]));
        expectStatus("R41: drop after close-call", tapi.drop(c[0]).status(), Status.Code.TAPI_INVALCALLHANDLE);

        act("Act 4: a line closed with a call still up");
        CallHandle[] d = connect(a, b);
        ok("close " + a + " (its call " + d[0] + " is still up)", tapi.close(a));
        ndis.runUntilIdle();
        expectStatus("R44: drop " + d[0] + " on the closed line", tapi.drop(d[0]).status(),
                Status.Code.TAPI_INVALCALLHANDLE);
        expectState(d[1], TapiCallState.DISCONNECTED);
        ok("close-call " + d[1], tapi.closeCall(d[1]));

        act("Act 5: the line count changes: re-initialization");
        expectStatus("isdn0 now has 3 lines", pstn.setLineCount(isdn, 3), Status.Code.SUCCESS);
        ndis.runUntilIdle();
        narrate("after LINEDEVSTATE_REINIT: " + tapi.devices().size() + " line devices, " + b + " is "
                + tapi.lineState(b));

        act("Act 6: provider shutdown");
        ok("shutdown isdn0's provider", tapi.shutdownProvider(isdn));
        ndis.runUntilIdle();
        expectStatus("remove isdn0", pstn.removeAdapter(isdn), Status.Code.SUCCESS);
        ndis.runUntilIdle();
    }

    private CallHandle[] connect(LineHandle a, LineHandle b) {
        offered.clear();
        CallHandle call = ok("make-call 101 on " + a, tapi.makeCall(a, "101", null));
        ndis.advanceClock(20_000_000L);
        if (offered.isEmpty()) {
            problems.add("no call was offered on " + b);
            throw new IllegalStateException("no offer");
        }
        CallHandle in = offered.get(0);
        ok("answer " + in, tapi.answer(in));
        ndis.runUntilIdle();
        expectState(call, TapiCallState.CONNECTED);
        expectState(in, TapiCallState.CONNECTED);
        return new CallHandle[] {call, in};
    }

    private void send(CallHandle call, String text) {
        expectStatus("send \"" + text + "\" on " + call, tapi.send(call, Packet.wrap(text.getBytes(
                StandardCharsets.UTF_8))), Status.Code.PENDING);
        ndis.runUntilIdle();
    }

    private <T> T ok(String what, TapiRequest<T> r) {
        ndis.runUntilIdle();
        out.println("-- " + what + ": " + r.status().code());
        if (!r.status().isSuccess()) {
            problems.add(what + " ended " + r.status());
        }
        return r.value();
    }

    private void expectStatus(String what, Status got, Status.Code want) {
        out.println("-- " + what + ": " + got.code());
        if (got.code() != want) {
            problems.add(what + ": expected " + want + ", got " + got);
        }
    }

    private void expectState(CallHandle call, TapiCallState want) {
        TapiCallState got = tapi.callState(call).value();
        if (got != want) {
            problems.add(call + " is " + got + ", expected " + want);
        }
    }

    private int leakCheck() {
        act("Leak check");
        WanSnapshot s = wan.snapshot();
        out.println("-- " + s);
        if (!s.isQuiescent() || s.adapters() != 0 || s.sessions() != 0) {
            problems.add("left over: " + s);
        }
        for (String p : problems) {
            out.println("!! " + p);
        }
        out.println(problems.isEmpty() ? "leak check: OK" : "leak check: FAILED (" + problems.size() + " problems)");
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private void act(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private void narrate(String text) {
        out.println("-- " + text);
    }

    /** Prints what the application is told. */
    private final class Narrator implements TapiListener {
        @Override
        public void onEvent(LineEvent e) {
            if (e instanceof LineEvent.NewCall) {
                offered.add(((LineEvent.NewCall) e).call());
            }
            out.println("> app: " + e);
        }

        @Override
        public void onReceive(CallHandle call, Packet packet) {
            out.println("> app: " + call + " received \"" + new String(packet.toBytes(), StandardCharsets.UTF_8)
                    + "\"");
        }

        @Override
        public void onSendComplete(CallHandle call, Packet packet) {
            out.println("> app: " + call + " send complete: " + packet.status().code());
        }
    }
}
