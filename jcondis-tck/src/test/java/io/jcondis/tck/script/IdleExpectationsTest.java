package io.jcondis.tck.script;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code expect nothing} and {@code expect idle}, the one check both engines share ({@link IdleExpectations}):
 * the scripts under {@code idle-expectations/} hold, or fail with their {@code # must-fail:} message, in the
 * CoNDIS and the WAN engine. INVOKER mode only: in real time {@code expect idle} settles first, so it cannot
 * fail there (the real-time runs of {@code failing/} therefore hold none of these).
 */
class IdleExpectationsTest {
    private static final String MUST_FAIL = "# must-fail: ";

    private static List<Path> scripts() throws Exception {
        Path dir = Path.of(Objects.requireNonNull(IdleExpectationsTest.class.getResource("/idle-expectations"))
                .toURI());
        return ScriptRunner.collect(dir);
    }

    @TestFactory
    @DisplayName("B1, J1: expect nothing / expect idle hold or fail with the same messages in both engines")
    Stream<DynamicTest> shouldHoldOrFailWithTheRightMessage() throws Exception {
        return scripts().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String wanted = text.lines().filter(l -> l.startsWith(MUST_FAIL)).findFirst()
                    .map(l -> l.substring(MUST_FAIL.length())).orElse(null);
            ScriptResult r = ScriptEngine.run(p.getFileName().toString(), text);
            if (wanted == null) {
                assertThat(r.detail()).isNull();
                assertThat(r.passed()).isTrue();
            } else {
                assertThat(r.passed()).as("%s must fail", p.getFileName()).isFalse();
                assertThat(r.detail()).startsWith(wanted);
            }
        }));
    }

    @Test
    void shouldCoverBothChecksInBothEngines() throws Exception {
        assertThat(scripts()).extracting(p -> p.getFileName().toString()).contains("expect-nothing-fails.jcs",
                "expect-idle-fails.jcs", "wan-expect-nothing-fails.jcs", "wan-expect-idle-fails.jcs",
                "expect-nothing-and-idle-hold.jcs");
    }
}
