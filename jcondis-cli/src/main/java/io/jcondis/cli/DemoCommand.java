package io.jcondis.cli;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.core.ErrorHandler;
import io.jcondis.core.Jcondis;
import io.jcondis.core.JcondisContext;
import io.jcondis.core.RuntimeSnapshot;
import io.jcondis.core.ThreadingMode;
import io.jcondis.core.TraceEvent;
import io.jcondis.embedded.EmbeddedSwitch;
import io.jcondis.tck.ClientAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jcondis demo [condis|wan] [--quiet]}: a narrated CoNDIS session on the embedded switch ({@code condis}),
 * a narrated WAN/TAPI session on the simulated telephone network ({@code wan}, see {@link WanDemo}), or both in
 * that order (no name).
 *
 * <p>Three hosts, one client each. Every request a driver makes and every callback the runtime delivers is
 * printed as it happens (the runtime's trace), interleaved with the clients' own one-line log and a short
 * narration header per act:
 *
 * <pre>
 *   setup       three hosts, three clients, AFs opened, SAPs registered (A1-A3, B1)
 *   act 1       point-to-multipoint call with QoS: hosta -&gt; hostb, then hostc joins (E2, E3)
 *   act 2       data both ways, counted per VC (F1, F2)
 *   act 3       the far end changes the call's QoS (E8, R28)
 *   act 4       hostc's leaf leaves and joins again (E5, E3)
 *   act 5       refusals: no SAP (INVALID_SAP), no capacity (CELLRATE_NOT_AVAILABLE, R27)
 *   teardown    R6: drop parties, close calls, delete VCs, deregister SAPs, close AFs
 *   leak check  the runtime snapshot must be quiescent, with no violation and no handler exception
 * </pre>
 *
 * <p>The runtime runs in {@link ThreadingMode#INVOKER} mode with a manual clock and handles are numbered
 * deterministically, so the output is the same on every run. Exit status: 0 when the session ran as scripted
 * and nothing leaked; 1 when a step went wrong, something leaked, or the runtime reported a contract violation
 * or a handler exception; 2 for a usage error (an unknown demo name).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Narrated sessions: CoNDIS on the embedded switch, WAN/TAPI on the simulated telephone "
                + "network (prints every request, completion and indication as it happens).")
final class DemoCommand implements Callable<Integer> {
    /** The demos this command knows; without a name every one runs, in this order. */
    static final List<String> DEMOS = List.of("condis", "wan");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEMO",
            description = "Which demo to run: ${COMPLETION-CANDIDATES}; default: all, in that order.",
            completionCandidates = DemoNames.class)
    String demo;

    @Option(names = {"-q", "--quiet"}, description = "Print only the narration and the summary, not the trace.")
    boolean quiet;

    /** Picocli completion candidates for {@link #demo}. */
    static final class DemoNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        DemoNames() {
            super(DEMOS);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String which = demo;
        if (which != null && !DEMOS.contains(which)) {
            err.println("jcondis demo: unknown demo '" + which + "'; known demos: " + String.join(", ", DEMOS));
            err.flush();
            return 2;
        }
        try {
            int exit = 0;
            if (which == null || which.equals("condis")) {
                exit = Math.max(exit, new CondisDemo(out, quiet).run());
            }
            if (which == null || which.equals("wan")) {
                exit = Math.max(exit, new WanDemo(out, quiet).run());
            }
            return exit;
        } finally {
            out.flush();
        }
    }

    /** One run of the CoNDIS demo; not reusable. */
    static final class CondisDemo {
        private static final long CAPACITY_A_BPS = 1_000_000;
        private static final long CAPACITY_B_BPS = 1_000_000;
        private static final long CAPACITY_C_BPS = 500_000;
        private static final List<String> LEGEND = List.of(
                "Legend: 'drv -> ndis  op(args) = answer'  a request, printed when it returns with its",
                "                                         synchronous answer (what it caused is above it)",
                "        'ndis -> drv  op(args) = answer'  a handler the runtime called (its answer, if any)",
                "        '> drv: ...'                      what the client made of it");

        private final PrintWriter out;
        private final boolean quiet;
        private final List<String> problems = new ArrayList<>();
        /** Set while a burst of sends runs: its trace is summarized instead of printed line by line. */
        private boolean traceMuted;
        private long mutedEvents;
        private long traceEvents;
        /** Failure codes of completions the clients got, in order (the refusals the demo expects). */
        private final List<String> refusedWith = new ArrayList<>();
        private long deliveredPackets;
        private long deliveredBytes;
        /** The last trace event printed, to place the clients' log lines next to the handler that wrote them. */
        private TraceEvent lastEvent;
        /** Client log lines waiting for the trace event of the handler that wrote them (see onTrace). */
        private final List<String> heldLines = new ArrayList<>();
        private final List<String> heldDrivers = new ArrayList<>();
        private Jcondis ndis;
        private EmbeddedSwitch sw;
        private ClientAgent a;
        private ClientAgent b;
        private ClientAgent c;

        CondisDemo(PrintWriter out, boolean quiet) {
            this.out = out;
            this.quiet = quiet;
        }

        private void act(String title) {
            flushHeld();
            out.println();
            out.println("== " + title + " ==");
        }

        private void narrate(String text) {
            flushHeld();
            out.println("-- " + text);
        }

        /**
         * Prints one trace event. The runtime traces a handler that returns a status, and every request, when it
         * returns (after whatever it caused), but a void handler before it runs; a client's log line is written
         * while its handler runs. So a line is printed at once when it follows its own void handler's event, and
         * is otherwise held until the next event: after that event when it is the status-returning handler of
         * the same client that wrote it, before it in every other case.
         */
        private void onTrace(TraceEvent e) {
            traceEvents++;
            recordRefusal(e);
            if (traceMuted) {
                mutedEvents++;
                return;
            }
            boolean ownHandlerReturned = "CALLBACK".equals(e.direction()) && e.result() != null
                    && heldDrivers.contains(e.driver());
            if (!ownHandlerReturned) {
                flushHeld();
            }
            if (!quiet) {
                out.println("   " + e);
            }
            flushHeld();
            lastEvent = e;
        }

        private void onAgentLine(String line) {
            if (traceMuted || quiet) {
                return;
            }
            String driver = line.substring(0, Math.max(0, line.indexOf(':')));
            boolean inOwnVoidHandler = lastEvent != null && "CALLBACK".equals(lastEvent.direction())
                    && lastEvent.result() == null && lastEvent.driver().equals(driver) && heldLines.isEmpty();
            if (inOwnVoidHandler) {
                out.println("      > " + line);
            } else {
                heldLines.add(line);
                heldDrivers.add(driver);
            }
        }

        private void recordRefusal(TraceEvent e) {
            boolean completion = "CALLBACK".equals(e.direction()) && (e.operation().equals("onMakeCallComplete")
                    || e.operation().equals("onAddPartyComplete") || e.operation().equals("onModifyCallQosComplete"));
            if (completion && !e.detail().startsWith("SUCCESS")) {
                refusedWith.add(e.detail().split("[ ,]", 2)[0]);
            }
        }

        private void flushHeld() {
            for (String line : heldLines) {
                out.println("      > " + line);
            }
            heldLines.clear();
            heldDrivers.clear();
        }

        /** A step that must come out as expected; a mismatch is a demo failure (exit 1), not an exception. */
        private void expect(String what, Status actual, Status.Code expected) {
            if (actual == null || !actual.is(expected)) {
                problems.add(what + ": expected " + expected + ", got " + actual);
                out.println("!! " + what + ": expected " + expected + ", got " + actual);
            }
        }

        private void check(String what, boolean ok) {
            if (!ok) {
                problems.add(what);
                out.println("!! " + what);
            }
        }

        private void settle() {
            ndis.runUntilIdle();
            flushHeld();
        }

        int run() {
            ErrorHandler errors = new ErrorHandler() {
                @Override
                public void onHandlerException(String driver, String handler, Throwable error) {
                    problems.add(driver + "." + handler + " threw " + error);
                    out.println("!! handler exception: " + driver + "." + handler + " threw " + error);
                }

                @Override
                public void onContractViolation(String driver, String rule, String message) {
                    problems.add("contract violation by " + driver + " (" + rule + "): " + message);
                    out.println("!! contract violation by " + driver + " (" + rule + "): " + message);
                }
            };
            ndis = Jcondis.launch(new JcondisContext().threadingMode(ThreadingMode.INVOKER).errorHandler(errors));
            try {
                ndis.addTraceListener(this::onTrace);
                out.println("jcondis demo condis: a CoNDIS session on the embedded switch (INVOKER mode, "
                        + "manual clock)");
                if (!quiet) {
                    for (String line : LEGEND) {
                        out.println(line);
                    }
                }
                setup();
                VcHandle root = multipointCall();
                if (root == null) {
                    return finish();
                }
                data(root);
                remoteQos(root);
                PartyHandle rejoined = leaveAndRejoin(root);
                VcHandle refusedVc = refusals(root);
                teardown(root, rejoined, refusedVc);
                return finish();
            } catch (RuntimeException e) {
                problems.add("the demo stopped: " + e);
                out.println("!! the demo stopped: " + e);
                return finish();
            } finally {
                ndis.close();
            }
        }

        private void setup() {
            act("Setup: the embedded switch, three hosts, one client on each");
            narrate("the switch (an MCM) is installed; clients a, b, c register, each for its own host's adapter");
            sw = EmbeddedSwitch.install(ndis, "switch");
            a = new ClientAgent("a", "hosta").log(this::onAgentLine).attach(ndis);
            b = new ClientAgent("b", "hostb").log(this::onAgentLine).attach(ndis);
            c = new ClientAgent("c", "hostc").log(this::onAgentLine).attach(ndis);
            narrate("hosts come up: each adapter registers AF Q2931 and every client is bound and opens it (A1-A3)");
            sw.addHost("hosta", CAPACITY_A_BPS);
            sw.addHost("hostb", CAPACITY_B_BPS);
            sw.addHost("hostc", CAPACITY_C_BPS);
            settle();
            check("every client has its AF open", a.af() != null && b.af() != null && c.af() != null);
            narrate("b listens on hostb:video, c on *:video (B1; the switch completes the registration later)");
            expect("b registers hostb:video", b.registerSap("hostb:video"), Status.Code.PENDING);
            expect("c registers *:video", c.registerSap("*:video"), Status.Code.PENDING);
            settle();
            links();
        }

        private VcHandle multipointCall() {
            act("Act 1: a point-to-multipoint call with QoS, hosta -> hostb and hostc");
            narrate("a makes a multipoint call to hostb:video asking 200000 B/s guaranteed toward the leaves (E2)");
            Result<VcHandle> call = a.call("hostb:video", FlowSpec.guaranteed(200_000, 200_000, 1500),
                    FlowSpec.guaranteed(50_000, 50_000, 1500), true);
            expect("make-call to hostb:video", call.status(), Status.Code.PENDING);
            settle();
            VcHandle root = call.value();
            if (root == null || a.vc(root) == null || !"CONNECTED".equals(a.vc(root).state())) {
                check("the call to hostb:video connected", false);
                return null;
            }
            narrate("hostc joins: a adds party hostc:video; parties share the call's QoS (E3)");
            Result<PartyHandle> join = a.addParty(root, "hostc:video");
            expect("add-party hostc:video", join.status(), Status.Code.PENDING);
            settle();
            check("the call has two parties", a.vc(root).parties().size() == 2);
            narrate("the call is up: one root VC on hosta, one leaf VC on each of hostb and hostc");
            links();
            return root;
        }

        private void data(VcHandle root) {
            act("Act 2: data both ways");
            VcHandle leafB = onlyVc(b);
            VcHandle leafC = onlyVc(c);
            narrate("a sends one 1000-byte packet on the root VC: the switch copies it to every connected leaf");
            expect("a sends on " + root, a.send(root, new byte[1000]), Status.Code.PENDING);
            settle();
            narrate("a sends 4 more, b sends 3 x 500 bytes and c 2 x 200 bytes back to the root"
                    + (quiet ? "" : " (trace summarized)"));
            traceMuted = true;
            mutedEvents = 0;
            for (int i = 0; i < 4; i++) {
                a.send(root, new byte[1000]);
            }
            for (int i = 0; i < 3; i++) {
                b.send(leafB, new byte[500]);
            }
            for (int i = 0; i < 2; i++) {
                c.send(leafC, new byte[200]);
            }
            settle();
            traceMuted = false;
            if (!quiet) {
                out.println("   ... " + mutedEvents + " trace events for these 9 sends not shown");
            }
            narrate("per VC, as the clients counted it (received) and as the runtime counted it (tx/rx):");
            vcLine("a", a, root);
            vcLine("b", b, leafB);
            vcLine("c", c, leafC);
            check("b received 5 packets / 5000 bytes", count(b, leafB, 5, 5000));
            check("c received 5 packets / 5000 bytes", count(c, leafC, 5, 5000));
            check("a received 5 packets / 1900 bytes", count(a, root, 5, 1900));
            for (ClientAgent x : List.of(a, b, c)) {
                for (ClientAgent.VcInfo info : x.vcs().values()) {
                    deliveredPackets += info.packetsReceived();
                    deliveredBytes += info.bytesReceived();
                }
            }
        }

        private void remoteQos(VcHandle root) {
            act("Act 3: the far end asks for a QoS change");
            narrate("the network side of a's call raises the rate to 300000 B/s toward the leaves: the switch "
                    + "admits it, re-activates every VC of the call (R28) and tells a (E8)");
            expect("remote QoS change on " + root, sw.remoteQosChange(root, FlowSpec.guaranteed(300_000, 300_000, 1500),
                    FlowSpec.guaranteed(50_000, 50_000, 1500)), Status.Code.SUCCESS);
            settle();
            links();
        }

        private PartyHandle leaveAndRejoin(VcHandle root) {
            act("Act 4: a leaf leaves, and joins again");
            PartyHandle partyC = partyOnHost(root, 1);
            narrate("hostc's user hangs up: c's leaf VC gets an incoming close, the root an incoming drop-party "
                    + "(E5) which a answers with dropParty");
            expect("hostc's leaf leaves", sw.remoteDropParty(partyC), Status.Code.PENDING);
            settle();
            check("one party left after hostc leaves", a.vc(root).parties().size() == 1);
            narrate("hostc joins again (E3)");
            Result<PartyHandle> join = a.addParty(root, "hostc:video");
            expect("add-party hostc:video again", join.status(), Status.Code.PENDING);
            settle();
            check("two parties after hostc rejoins", a.vc(root).parties().size() == 2);
            links();
            return join.value();
        }

        private VcHandle refusals(VcHandle root) {
            act("Act 5: refusals");
            narrate("a calls hostb:audio, where nobody listens: the switch refuses with INVALID_SAP");
            Result<VcHandle> nosap = a.call("hostb:audio", FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT, false);
            expect("make-call to hostb:audio", nosap.status(), Status.Code.PENDING);
            settle();
            check("the call to hostb:audio was refused with INVALID_SAP", refusedWith.contains("INVALID_SAP")
                    && nosap.value() != null && a.vc(nosap.value()) != null
                    && "IDLE".equals(a.vc(nosap.value()).state()));
            narrate("a asks to raise its call to 2000000 B/s, more than any link has: CELLRATE_NOT_AVAILABLE, and "
                    + "the call keeps its QoS (R27)");
            expect("modify-call-QoS to 2000000 B/s", a.modifyQos(root, FlowSpec.guaranteed(2_000_000, 2_000_000,
                    1500), FlowSpec.guaranteed(50_000, 50_000, 1500)), Status.Code.PENDING);
            settle();
            check("the QoS change was refused with CELLRATE_NOT_AVAILABLE",
                    refusedWith.contains("CELLRATE_NOT_AVAILABLE"));
            links();
            return nosap.value();
        }

        private void teardown(VcHandle root, PartyHandle rejoined, VcHandle refusedVc) {
            act("Teardown, in the order of R6");
            narrate("(1) drop parties until one remains: a drops hostc's party (E4)");
            expect("drop hostc's party", a.dropParty(rejoined), Status.Code.PENDING);
            settle();
            narrate("(2) close calls: a closes with the last party; hostb's leaf is closed by the switch (E9, E10)");
            expect("close the call", a.closeCall(root), Status.Code.PENDING);
            settle();
            narrate("(3) delete VCs: a deletes the two VCs it created (D7); the switch already deleted the leaves");
            expect("delete " + root, a.deleteVc(root), Status.Code.SUCCESS);
            expect("delete " + refusedVc, a.deleteVc(refusedVc), Status.Code.SUCCESS);
            settle();
            narrate("(4) deregister SAPs (B2)");
            expect("b deregisters hostb:video", b.deregisterSap("hostb:video"), Status.Code.PENDING);
            expect("c deregisters *:video", c.deregisterSap("*:video"), Status.Code.PENDING);
            settle();
            narrate("(5) close AFs (A4)");
            for (ClientAgent x : List.of(a, b, c)) {
                x.shutdown();
            }
            settle();
            check("every client is idle", a.isIdle() && b.isIdle() && c.isIdle());
            check("the switch carries no call", sw.activeCalls() == 0);
            check("every link has its full capacity back", sw.uplinkFreeBps("hosta") == CAPACITY_A_BPS
                    && sw.downlinkFreeBps("hosta") == CAPACITY_A_BPS && sw.uplinkFreeBps("hostb") == CAPACITY_B_BPS
                    && sw.downlinkFreeBps("hostb") == CAPACITY_B_BPS && sw.uplinkFreeBps("hostc") == CAPACITY_C_BPS
                    && sw.downlinkFreeBps("hostc") == CAPACITY_C_BPS);
            links();
        }

        private int finish() {
            RuntimeSnapshot s = ndis.snapshot();
            act("Summary");
            out.println("3 hosts, 3 clients; 1 point-to-multipoint call with QoS: 2 parties, 1 left and rejoined, "
                    + "1 remote QoS change");
            out.printf("%d packets / %d bytes delivered; refused: %s; %d trace events%n", deliveredPackets,
                    deliveredBytes, refusedWith.isEmpty() ? "none" : String.join(", ", refusedWith), traceEvents);
            act("Leak check");
            out.printf("snapshot: afOpens=%d saps=%d vcs=%d parties=%d pendingRequests=%d sendsInFlight=%d "
                    + "receivesLent=%d tasks=%d violations=%d handlerErrors=%d%n", s.afOpens(), s.saps(), s.vcs(),
                    s.parties(), s.pendingRequests(), s.sendsInFlight(), s.receivesLent(), s.tasks(), s.violations(),
                    s.handlerErrors());
            boolean leaked = !s.isQuiescent() || s.tasks() != 0;
            boolean reported = s.violations() != 0 || s.handlerErrors() != 0;
            if (!leaked && !reported && problems.isEmpty()) {
                out.println("leak check: OK (nothing left open, 0 contract violations, 0 handler exceptions)");
                return 0;
            }
            out.println("leak check: FAILED" + (leaked ? " (objects left open)" : "")
                    + (reported ? " (" + s.violations() + " contract violations, " + s.handlerErrors()
                    + " handler exceptions)" : ""));
            for (String p : problems) {
                out.println("  - " + p);
            }
            return 1;
        }

        // ------------------------------------------------------------------------------------ helpers

        private void links() {
            StringBuilder line = new StringBuilder("links free (B/s, up/down):");
            for (String host : sw.hosts()) {
                line.append(' ').append(host).append(' ').append(sw.uplinkFreeBps(host)).append('/')
                        .append(sw.downlinkFreeBps(host));
            }
            narrate(line.toString());
        }

        private static VcHandle onlyVc(ClientAgent agent) {
            return agent.vcs().keySet().iterator().next();
        }

        /** The {@code index}-th party of the call, in the order they joined. */
        private PartyHandle partyOnHost(VcHandle root, int index) {
            return new ArrayList<>(a.vc(root).parties()).get(index);
        }

        private static boolean count(ClientAgent agent, VcHandle vc, long packets, long bytes) {
            ClientAgent.VcInfo info = agent.vc(vc);
            return info != null && info.packetsReceived() == packets && info.bytesReceived() == bytes;
        }

        private void vcLine(String who, ClientAgent agent, VcHandle vc) {
            ClientAgent.VcInfo info = agent.vc(vc);
            out.printf("   %s %-6s received %d packets / %d bytes, %d sends completed | runtime: %s%n", who, vc,
                    info.packetsReceived(), info.bytesReceived(), info.sendsCompleted(), ndis.describeVc(vc.id()));
        }
    }
}
