package io.jcondis.tck.script;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs every WAN scenario script under {@code scripts/wan}, one dynamic test each, and checks J1-J17, R38-R48. */
class WanScriptsTest {
    private static List<Path> scripts() throws NoSuchFileException {
        return ScriptRunner.collect(ConformanceScriptsTest.repositoryRoot().resolve("scripts/wan"));
    }

    @TestFactory
    Stream<DynamicTest> shouldPassEveryWanScript() throws NoSuchFileException {
        Path root = ConformanceScriptsTest.repositoryRoot();
        return scripts().stream().map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> {
            ScriptResult r = ScriptEngine.run(p, root.relativize(p).toString());
            if (!r.passed()) {
                fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
            }
        }));
    }

    @Test
    @DisplayName("scripts/wan names every flow J1-J17 and every rule R38-R48")
    void shouldCoverEveryWanFlowAndRule() throws Exception {
        Set<String> named = new TreeSet<>();
        for (Path p : scripts()) {
            named.addAll(ScriptEngine.run(p).ids());
        }
        List<String> wanted = new ArrayList<>();
        for (int j = 1; j <= 17; j++) {
            wanted.add("J" + j);
        }
        for (int r = 38; r <= 48; r++) {
            wanted.add("R" + r);
        }
        assertThat(wanted.stream().filter(id -> !named.contains(id)).collect(Collectors.toList())).isEmpty();
    }

    @Test
    @DisplayName("J6 inline: a WAN script is recognised by its first step 'stack wan'")
    void shouldRunAnInlineWanScript() {
        ScriptResult r = ScriptEngine.run("inline", String.join("\n",
                "stack wan",
                "# ids: J1",
                "pstn",
                "pstn adapter isdn0 10 1 as ad",
                "run",
                "expect app ProviderInitialized adapter=ad base=0 lines=1 provider=*",
                "expect devices 1",
                "expect quiescent"));
        assertThat(r.detail()).isNull();
        assertThat(r.passed()).isTrue();
        assertThat(r.steps()).isEqualTo(7);
    }
}
