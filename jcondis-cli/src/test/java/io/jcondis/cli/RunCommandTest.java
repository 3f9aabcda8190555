package io.jcondis.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@code jcondis run --driver NAME --timeout-ms N}: the driver is chosen by name; a bad one exits 2. */
class RunCommandTest {
    private static DemoCommandTest.Run jcondis(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> DemoCommandTest.run(args));
    }

    private static Path scripts() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/condis"))) {
                return dir.resolve("scripts/condis");
            }
        }
        throw new IllegalStateException("no scripts/condis above " + Path.of("").toAbsolutePath());
    }

    @Test
    @DisplayName("run --driver embedded-realtime: every condis script passes on a DEDICATED runtime")
    void shouldRunTheCondisScriptsOnTheRealTimeDriver() {
        DemoCommandTest.Run o = jcondis("run", "--driver", "embedded-realtime", "--timeout-ms", "10000", scripts().toString());
        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("PASS ").doesNotContain("FAIL ").endsWith(" passed, 0 failed\n");
        assertThat(o.err()).isEmpty();
    }

    @Test
    @DisplayName("run --driver with an unknown name: exit 2, the known drivers named, no script run")
    void shouldRefuseAnUnknownDriverNamingTheKnownOnes() {
        DemoCommandTest.Run o = jcondis("run", "--driver", "atm25", scripts().toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("jcondis run: unknown driver 'atm25'; known drivers: embedded, "
                + "embedded-realtime\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    @DisplayName("run --timeout-ms 0: exit 2")
    void shouldRefuseANonPositiveTimeout() {
        DemoCommandTest.Run o = jcondis("run", "--timeout-ms", "0", scripts().toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith("jcondis run: expectTimeoutMs must be positive");
    }
}
