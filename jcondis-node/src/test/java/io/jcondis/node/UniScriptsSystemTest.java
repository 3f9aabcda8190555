package io.jcondis.node;

import io.jcondis.tck.script.ScriptEngine;
import io.jcondis.tck.script.ScriptNetworks;
import io.jcondis.tck.script.ScriptOptions;
import io.jcondis.tck.script.ScriptResult;
import io.jcondis.tck.script.ScriptRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ./jcondis run --driver uni scripts/condis} as a system test (issue 4 item 4): every condis script on the
 * uni network, every call between two script hosts crossing one fabric node process on loopback. Every script
 * must pass unchanged (docs/uni.md, "Running the scripts on uni"; the engine checks each client's callbacks in
 * order, docs/scripts.md "Order").
 */
class UniScriptsSystemTest {
    /** Each engine wait bounded at 20 s (a bound, not a measurement: CI has 2 loaded cores). */
    private static final ScriptOptions UNI = new ScriptOptions(ScriptNetworks.find("uni"), 20_000);

    @TestFactory
    @DisplayName("A1..I2, R1..R37 on the uni driver: calls cross a fabric node process on the wire")
    Stream<DynamicTest> shouldPassTheCondisScriptsOnUni() throws Exception {
        Path dir = Path.of("..", "scripts", "condis").toAbsolutePath().normalize();
        return ScriptRunner.collect(dir).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                p.toUri(), () -> {
                    String name = p.getFileName().toString();
                    ScriptResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                            () -> ScriptEngine.run(p, name, UNI));
                    if (!r.passed()) {
                        fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
                    }
                }));
    }
}
