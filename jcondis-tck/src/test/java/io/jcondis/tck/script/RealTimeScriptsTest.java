package io.jcondis.tck.script;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real-time engine (issue 4 item 4 groundwork): every script under {@code scripts/condis}, unchanged, on the
 * {@code embedded-realtime} driver (the embedded switch on a DEDICATED runtime, so the switch's deferred work
 * and its callbacks run on the conductor thread as soon as they are posted), and every failing script still
 * failing with its message. Each script has its own runtime and conductor thread, so the tests may run in
 * parallel; each is bounded by the engine's waits and a hard timeout.
 */
class RealTimeScriptsTest {
    private static final ScriptOptions REALTIME = ScriptOptions.defaults()
            .withNetwork(ScriptNetworks.find(ScriptNetworks.EMBEDDED_REALTIME));

    @TestFactory
    @DisplayName("A1..I2, R1..R37 on a DEDICATED runtime: every condis script passes unchanged")
    Stream<DynamicTest> shouldPassEveryScenarioScriptInRealTime() throws Exception {
        Path root = ConformanceScriptsTest.repositoryRoot();
        return ScriptRunner.collect(root.resolve("scripts/condis")).stream().map(p -> DynamicTest.dynamicTest(
                root.relativize(p).toString(), p.toUri(), () -> {
                    ScriptResult r = runBounded(p, root.relativize(p).toString());
                    if (!r.passed()) {
                        fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
                    }
                }));
    }

    @TestFactory
    @DisplayName("policies 1-5 on a DEDICATED runtime: every failing script fails with its message")
    Stream<DynamicTest> shouldFailEveryFailingScriptWithItsMessageInRealTime() throws Exception {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/failing")).toURI());
        return ScriptRunner.collect(dir).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    String wanted = text.lines().filter(l -> l.startsWith("# must-fail: ")).findFirst()
                            .map(l -> l.substring("# must-fail: ".length())).orElseThrow();
                    ScriptResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                            () -> ScriptEngine.run(p.getFileName().toString(), text, REALTIME));
                    assertThat(r.passed()).as("%s must fail", p.getFileName()).isFalse();
                    assertThat(r.detail()).startsWith(wanted);
                }));
    }

    /** A hard bound on top of the engine's own (every wait is bounded by the expect timeout). */
    private static ScriptResult runBounded(Path p, String name) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ScriptEngine.run(p, name, REALTIME));
    }
}
