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
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
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
    @DisplayName("demo condis is the same demo, and two runs print exactly the same text")
    void shouldBeDeterministic() {
        Run first = run("demo");
        Run second = run("demo", "condis");

        assertThat(second.exit()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
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
        Run r = run("demo", "wan");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown demo 'wan'", "known demos: condis");
        assertThat(r.out()).isEmpty();
    }
}
