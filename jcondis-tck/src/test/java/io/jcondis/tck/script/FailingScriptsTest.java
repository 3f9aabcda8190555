package io.jcondis.tck.script;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the engine can fail: every script under {@code failing/} must fail, with the message its
 * {@code # must-fail:} comment gives (a prefix of {@code file:line: 'step': what was expected, what happened}).
 */
class FailingScriptsTest {
    private static final String MUST_FAIL = "# must-fail: ";

    private static List<Path> failingScripts() throws URISyntaxException, IOException {
        Path dir = Path.of(Objects.requireNonNull(FailingScriptsTest.class.getResource("/failing")).toURI());
        return ScriptRunner.collect(dir);
    }

    @TestFactory
    Stream<DynamicTest> shouldFailWithTheRightMessage() throws Exception {
        return failingScripts().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String wanted = text.lines().filter(l -> l.startsWith(MUST_FAIL)).findFirst()
                    .map(l -> l.substring(MUST_FAIL.length())).orElseThrow(() -> new AssertionError(p
                            + " has no '" + MUST_FAIL + "' line"));
            ScriptResult r = ScriptEngine.run(p.getFileName().toString(), text);
            assertThat(r.passed()).as("%s must fail", p.getFileName()).isFalse();
            assertThat(r.detail()).startsWith(wanted);
        }));
    }

    @Test
    void shouldHaveNegativeScripts() throws Exception {
        assertThat(failingScripts()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldPassAMinimalScriptAndKeepQuotedTokens() {
        ScriptResult r = ScriptEngine.run("inline", String.join("\n",
                "# ids: H1",
                "host hosta aliases=alias1",
                "client a on hosta",
                "expect a onBindAdapter binding=ab adapter=\"hosta\"   # a trailing comment",
                "expect a onAfRegisterNotify binding=ab family=0x1",
                "switch status hosta MEDIA_CONNECT => SUCCESS",
                "expect a onStatus MEDIA_CONNECT binding=ab vc=-",
                "expect quiescent"));
        assertThat(r.detail()).isNull();
        assertThat(r.passed()).isTrue();
        assertThat(r.ids()).containsExactly("H1");
        assertThat(r.steps()).isEqualTo(7);
    }
}
