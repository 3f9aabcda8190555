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
    /** Scripts that do not pass on uni yet, and why (TODO(#4)). */
    static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("r26-close-data.jcs", "close data over 128 bytes is not refused (R26): not carried on the wire"),
            Map.entry("e4-drop-party.jcs", "close data (R26) is not carried on the wire"));

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
