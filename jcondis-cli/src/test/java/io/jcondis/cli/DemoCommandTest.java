package io.jcondis.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jcondis demo}: runs end to end, narrates what the issue asks for, and is deterministic. */
class DemoCommandTest {

    /** The exit status and what went to stdout and stderr. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    @DisplayName("demo: exits 0 and shows the call, the leaf leaving, the remote QoS change, refusals and teardown")
    void shouldRunTheNarratedSessionAndExitZero() {
        Run r = run("demo");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                // requests, completions and indications as they happen
                .contains("a -> ndis", "makeCall(", "ndis -> a", "onMakeCallComplete(SUCCESS")
                .contains("onAddPartyComplete(SUCCESS")
                // the leaf leaving: incoming drop-party at the root, answered with dropParty (E5)
                .containsPattern("ndis -> a +onIncomingDropParty\\(SUCCESS, party#")
                .containsPattern("a: party party#\\d+ left \\(SUCCESS\\); dropping it \\(E5\\)")
                // the far end changing QoS (E8)
                .containsPattern("ndis -> a +onIncomingCallQosChange\\(vc#")
                .containsPattern("a: remote QoS change on vc#\\d+: tx=300000")
                // data both ways, counted per VC
                .containsPattern("a vc#\\d+ +received 5 packets / 1900 bytes")
                .containsPattern("b vc#\\d+ +received 5 packets / 5000 bytes")
                .containsPattern("c vc#\\d+ +received 5 packets / 5000 bytes")
                // the refusals
                .contains("onMakeCallComplete(INVALID_SAP", "onModifyCallQosComplete(CELLRATE_NOT_AVAILABLE")
                .contains("refused: INVALID_SAP, CELLRATE_NOT_AVAILABLE")
                // teardown in R6 order, then the leak check
                .contains("snapshot: afOpens=0 saps=0 vcs=0 parties=0 pendingRequests=0 sendsInFlight=0")
                .contains("leak check: OK (nothing left open, 0 contract violations, 0 handler exceptions)");
        String out = r.out();
        assertThat(out.indexOf("(1) drop parties")).isPositive()
                .isLessThan(out.indexOf("(2) close calls"));
        assertThat(out.indexOf("(2) close calls")).isLessThan(out.indexOf("(3) delete VCs"));
        assertThat(out.indexOf("(3) delete VCs")).isLessThan(out.indexOf("(4) deregister SAPs"));
        assertThat(out.indexOf("(4) deregister SAPs")).isLessThan(out.indexOf("(5) close AFs"));
        assertThat(out.indexOf("(5) close AFs")).isLessThan(out.indexOf("leak check: OK"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    @DisplayName("demo begins with demo condis, and two runs print exactly the same text")
    void shouldBeDeterministic() {
        Run first = run("demo");
        Run second = run("demo", "condis");

        assertThat(second.exit()).isZero();
        assertThat(first.out()).startsWith(second.out());
        assertThat(run("demo", "condis").out()).isEqualTo(second.out());
    }

    @Test
    @DisplayName("demo --quiet prints the narration and the summary but no trace")
    void shouldPrintOnlyNarrationWhenQuiet() {
        Run r = run("demo", "--quiet");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("== Act 5: refusals ==", "refused: INVALID_SAP, CELLRATE_NOT_AVAILABLE",
                "leak check: OK").doesNotContain("ndis -> ", " -> ndis ");
    }

    @Test
    @DisplayName("an unknown demo is a usage error: exit 2 with a message naming the known demos")
    void shouldRefuseAnUnknownDemo() {
        Run r = run("demo", "atm");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown demo 'atm'", "known demos: condis, wan");
        assertThat(r.out()).isEmpty();
    }

    @Test
    @DisplayName("demo wan: J1-J16 narrated, R40/R41/R44 shown, exits 0 after a clean leak check")
    void shouldRunTheWanSessionAndExitZero() {
        Run r = run("demo", "wan");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("== Act 1: provider initialize, two lines open ==",
                "ProviderInitialized[adapter=adapter#1, deviceIdBase=0, numLines=2",
                "-- answer call#4: SUCCESS", "call#4 received \"hello from 100\"",
                "call#3 received \"hello from 101\"", "CallStateChanged(line#1, call#3, DISCONNECTED, mode=0x1)",
                "-- R41: drop after close-call: TAPI_INVALCALLHANDLE",
                "-- R44: drop call#5 on the closed line: TAPI_INVALCALLHANDLE",
                "ProviderInitialized[adapter=adapter#1, deviceIdBase=2, numLines=3",
                "ProviderShutdown[adapter=adapter#1, cause=REQUESTED]", "leak check: OK");
        assertThat(out.indexOf("== Act 3")).isLessThan(out.indexOf("== Act 5"));
        assertThat(out).doesNotContain("!! ");
        assertThat(r.err()).isEmpty();
        assertThat(run("demo", "wan").out()).isEqualTo(out);
    }

    @Test
    @DisplayName("demo without a name runs the CoNDIS demo and then the WAN demo")
    void shouldRunBothDemosWithoutAName() {
        Run r = run("demo", "--quiet");

        assertThat(r.exit()).isZero();
        assertThat(r.out().indexOf("== Act 5: refusals ==")).isPositive()
                .isLessThan(r.out().indexOf("== Act 1: provider initialize, two lines open =="));
        assertThat(r.out().split("leak check: OK", -1)).hasSize(3);
    }
}
