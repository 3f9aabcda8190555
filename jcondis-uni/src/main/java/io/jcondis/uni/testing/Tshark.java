package io.jcondis.uni.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs tshark for tests: bounded in time, output through files (never a full pipe). Main code, beside
 * {@link PcapWriter}, so that other modules' tests (jcondis-node's scripted-run capture) use the same helper
 * without a test-jar; it has no test-library dependency (a failed run is an {@link AssertionError}).
 *
 * <p>Thread-safety: stateless; any thread.
 */
public final class Tshark {
    /** The tshark executable; override with {@code -Djcondis.tshark=/path/to/tshark}. */
    public static final String EXECUTABLE = System.getProperty("jcondis.tshark", "tshark");
    /** Wireshark's PI_ERROR expert severity: anything at or above it is an error. */
    public static final int PI_ERROR = 0x0080_0000;
    private static final long TIMEOUT_SECONDS = 60;

    private Tshark() {
    }

    /** @return whether tshark runs here (tests use it in an assumption) */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder(EXECUTABLE, "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the message for a skipped test */
    public static String missing() {
        return "tshark ('" + EXECUTABLE + "') is not installed or does not run (apt-get install tshark); skipping "
                + "the Wireshark check";
    }

    /**
     * The UDP dissector's chat-level note for a datagram whose destination port falls in traceroute's range
     * (33434–33534): our ephemeral ports land there now and then, and the note says nothing about the payload.
     * Ignored by {@link #expertProblems} (it made the scripted-run test fail about one run in six).
     */
    public static final String TRACEROUTE_NOTE = "Possible traceroute: ";

    /**
     * Judges one packet's expert info as {@code -T fields -e _ws.expert.severity -e _ws.expert.message} prints it.
     *
     * @param severities    the severity field (numbers joined by {@code aggregator}), possibly empty
     * @param messages      the message field (joined by {@code aggregator}), possibly empty
     * @param aggregator    the occurrence separator given to tshark ({@code -E aggregator=}), a regex-safe text
     * @param knownWarnings messages accepted below error level
     * @return what is wrong: each severity at or above {@link #PI_ERROR} and each message not in
     *         {@code knownWarnings} (nor the {@link #TRACEROUTE_NOTE}); empty when nothing is
     * @throws IllegalArgumentException for a {@code ,} aggregator (tshark's default): expert messages contain commas
     *         ("Possible traceroute: hop #3, attempt #2"), so occurrences could not be told apart
     */
    public static List<String> expertProblems(String severities, String messages, String aggregator,
                                              Set<String> knownWarnings) {
        if (aggregator.equals(",")) {
            throw new IllegalArgumentException("expert messages contain commas: give tshark -E aggregator=; "
                    + "and pass \";\"");
        }
        List<String> problems = new ArrayList<>();
        for (String severity : severities.isEmpty() ? new String[0] : severities.split(Pattern.quote(aggregator))) {
            if (Integer.decode(severity) >= PI_ERROR) {
                problems.add("severity " + severity);
            }
        }
        for (String m : messages.isEmpty() ? new String[0] : messages.split(Pattern.quote(aggregator))) {
            if (!knownWarnings.contains(m) && !m.startsWith(TRACEROUTE_NOTE)) {
                problems.add("expert info '" + m + "'");
            }
        }
        return problems;
    }

    /**
     * Runs tshark and requires it to exit with 0 within a minute.
     *
     * @param dir  a scratch directory for its output
     * @param args its arguments
     * @return its standard output
     * @throws IOException          if it cannot be run
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if it runs longer than a minute or exits with another status
     */
    public static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(EXECUTABLE);
        cmd.addAll(List.of(args));
        Path outFile = Files.createTempFile(dir, "tshark-", ".txt");
        Path errFile = Files.createTempFile(dir, "tshark-", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        String out = Files.readString(outFile, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("tshark exit status " + p.exitValue() + ": " + cmd + "; stderr:\n"
                    + Files.readString(errFile, StandardCharsets.UTF_8));
        }
        return out;
    }
}
