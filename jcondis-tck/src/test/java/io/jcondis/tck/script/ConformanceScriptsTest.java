package io.jcondis.tck.script;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
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

/** Runs every scenario script under {@code scripts/condis} at the repository root, one dynamic test each. */
class ConformanceScriptsTest {
    /** The repository root: the nearest ancestor of the working directory holding scripts/condis and a pom. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 8 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/condis")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/condis above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> scripts() throws NoSuchFileException {
        return ScriptRunner.collect(repositoryRoot().resolve("scripts/condis"));
    }

    @TestFactory
    Stream<DynamicTest> shouldPassEveryScenarioScript() throws NoSuchFileException {
        Path root = repositoryRoot();
        return scripts().stream().map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> {
            ScriptResult r = ScriptEngine.run(p, root.relativize(p).toString());
            if (!r.passed()) {
                fail(r.detail() + "\nlast trace:\n  " + String.join("\n  ", r.trace()));
            }
        }));
    }

    @Test
    void shouldCoverEveryOperationAndCoreRule() throws Exception {
        Set<String> named = new TreeSet<>();
        for (Path p : scripts()) {
            named.addAll(ScriptEngine.run(p).ids());
        }
        List<String> wanted = new ArrayList<>(List.of("A1", "A2", "A3", "A4", "A5", "B1", "B2", "C1", "C2", "D1",
                "D2", "D3", "D4", "D5", "D6", "D7", "D8", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10",
                "F1", "F2", "G1", "G2", "G3", "G4", "H1", "I1", "I2"));
        for (int r = 1; r <= 37; r++) {
            wanted.add("R" + r);
        }
        assertThat(named).containsAll(wanted);
        assertThat(wanted.stream().filter(id -> !named.contains(id)).collect(Collectors.toList())).isEmpty();
    }
}
