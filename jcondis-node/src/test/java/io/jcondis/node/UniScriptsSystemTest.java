package io.jcondis.node;

import io.jcondis.tck.script.ScriptEngine;
import io.jcondis.tck.script.ScriptNetworks;
import io.jcondis.tck.script.ScriptOptions;
import io.jcondis.tck.script.ScriptResult;
import io.jcondis.tck.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ./jcondis run --driver uni scripts/condis} as a system test (issue 4 item 4): every condis script on the
 * uni network, every call between two script hosts crossing one fabric node process on loopback. Scripts in
 * {@link #KNOWN_GAPS} are reported as skipped with the reason (docs/uni.md, "Running the scripts on uni"); every
 * other script must pass unchanged.
 */
class UniScriptsSystemTest {
    private static final String CLOSE_ORDER = "the fabric answers the caller's RELEASE at once, so the caller's "
            + "onCloseCallComplete comes before the callee's onIncomingCloseCall (the embedded switch's order is the "
            + "other)";

    /** Scripts that do not pass on uni yet, and why (TODO(#4)). */
    static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("e1-make-call.jcs", "the first call through a fresh fabric link can exceed T303 (the link to "
                    + "the callee comes up late): cause 41"),
            Map.entry("e10-incoming-close-call.jcs", "passes after another call warmed the fabric; as the first call "
                    + "through a fresh fabric link it can exceed T303, as e1"),
            Map.entry("r17-incoming-call-rejected.jcs", "passes in a CLI run; in this test it fails on some runs "
                    + "(under study)"),
            Map.entry("e7-modify-qos.jcs", CLOSE_ORDER),
            Map.entry("g4-oid-switch.jcs", CLOSE_ORDER),
            Map.entry("h1-status.jcs", CLOSE_ORDER),
            Map.entry("r35-status-routing.jcs", CLOSE_ORDER),
            Map.entry("e8-remote-qos-change.jcs", "the fabric's MODIFY towards the callee is not answered"),
            Map.entry("f1-send.jcs", "settle does not wait for data frames in flight: onReceive not there yet"),
            Map.entry("r03-deregister-keeps-calls.jcs", "settle does not wait for data frames in flight"),
            Map.entry("r26-close-data.jcs", "R26 and the close data pass; then " + CLOSE_ORDER),
            Map.entry("e2-e3-multipoint.jcs", "the root's drop-party completes before the leaf's client closed its VC"),
            Map.entry("e4-drop-party.jcs", "R26 passes; then the root's drop completes when the leaf's RELEASE "
                    + "COMPLETE comes, before the leaf's client closed its VC"),
            Map.entry("e5-incoming-drop-party.jcs", "the root's incoming drop-party comes when the leaf's RELEASE "
                    + "COMPLETE comes, before the leaf's client closed its VC"));

    private static final ScriptOptions UNI = ScriptOptions.defaults().withNetwork(ScriptNetworks.find("uni"));

    @TestFactory
    @DisplayName("A1..I2, R1..R37 on the uni driver: calls cross a fabric node process on the wire")
    Stream<DynamicTest> shouldPassTheCondisScriptsOnUni() throws Exception {
        Path dir = Path.of("..", "scripts", "condis").toAbsolutePath().normalize();
        return ScriptRunner.collect(dir).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                p.toUri(), () -> {
                    String name = p.getFileName().toString();
                    Assumptions.assumeFalse(KNOWN_GAPS.containsKey(name), () -> KNOWN_GAPS.get(name));
                    ScriptResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                            () -> ScriptEngine.run(p, name, UNI));
                    if (!r.passed()) {
                        fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
                    }
                }));
    }
}
