package io.jcondis.cli;

import io.jcondis.tck.script.ScriptEngine;
import io.jcondis.tck.script.ScriptNetworks;
import io.jcondis.tck.script.ScriptOptions;
import io.jcondis.tck.script.ScriptResult;
import io.jcondis.tck.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jcondis run [--driver NAME] [--timeout-ms N] FILE-OR-DIR...}: runs scenario scripts (docs/scripts.md) on
 * the network driver {@code NAME} (default {@code embedded}) and prints one line per script, then
 * {@code N passed, N failed}. Exit status 0 when every script passed and every path existed, 1 otherwise, 2 for
 * an unknown driver or a bad timeout.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario scripts (*" + ScriptEngine.EXTENSION + "; directories recursively, sorted).")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE-OR-DIR", description = "scripts or directories of scripts")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--trace", description = "after a failure, print the runtime's last trace lines")
    boolean trace;

    @Option(names = "--driver", paramLabel = "NAME", defaultValue = ScriptNetworks.EMBEDDED,
            description = "the network the scripts run on: embedded (default), embedded-realtime, or a driver"
                    + " module's (uni)")
    String driver;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "" + ScriptOptions.DEFAULT_TIMEOUT_MS,
            description = "real-time drivers: how long an expect or run waits (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ScriptOptions options;
        try {
            options = new ScriptOptions(ScriptNetworks.find(driver), timeoutMs);
        } catch (IllegalArgumentException e) {
            System.err.println("jcondis run: " + e.getMessage());
            return 2;
        }
        List<Path> scripts = new ArrayList<>();
        boolean missing = false;
        for (Path p : paths) {
            try {
                scripts.addAll(ScriptRunner.collect(p));
            } catch (NoSuchFileException e) {
                System.err.println("jcondis run: no such file or directory: " + p);
                missing = true;
            }
        }
        int passed = 0;
        int failed = 0;
        for (Path script : scripts) {
            ScriptResult r = ScriptEngine.run(script, script.toString(), options);
            if (r.passed()) {
                passed++;
                out.println("PASS " + r.name());
            } else {
                failed++;
                out.println("FAIL " + r.name() + ": " + r.detail());
                if (trace) {
                    for (String line : r.trace()) {
                        out.println("    | " + line);
                    }
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed > 0 || missing ? 1 : 0;
    }
}
