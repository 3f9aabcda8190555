package io.jcondis.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NodeMain#serve}: the main thread's wait for a node to stop. Each test runs {@code serve} on the test
 * thread itself, interrupted beforehand where the test is about interrupts, so nothing is timed and no thread
 * is started.
 */
@Timeout(60)
class NodeMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void clearInterrupt() {
        // Never leave the flag set for the next test on this thread.
        Thread.interrupted();
    }

    /** Waits as {@link Node} and {@link FabricNode} do: a latch; an interrupt answers false with the flag set. */
    private static final class FakeServed implements NodeMain.Served {
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicInteger waits = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public String readyLine() {
            return "jcondis node fake ready";
        }

        @Override
        public boolean awaitStopped(long timeoutMs) {
            waits.incrementAndGet();
            try {
                return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            // The close must run with the flag clear, or a real node's bounded teardown waits end at once.
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag during close").isFalse();
            stopped.countDown();
        }
    }

    @Test
    @DisplayName("serve: an interrupt ends the wait at once, closes the node once, says so and keeps the flag")
    void shouldStopTheNodeWhenInterrupted() {
        FakeServed node = new FakeServed();
        Thread.currentThread().interrupt();

        int status = NodeMain.serve(node, "test-shutdown", out, err);

        assertThat(status).isEqualTo(NodeMain.EXIT_INTERRUPTED);
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        assertThat(node.waits.get()).as("one wait, no spinning").isEqualTo(1);
        assertThat(node.closes.get()).isEqualTo(1);
        assertThat(outBytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("jcondis node fake ready" + System.lineSeparator());
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("interrupted while serving; stopping the node");
    }

    @Test
    @DisplayName("serve: a node that stops returns 0 without an extra close or message")
    void shouldReturnZeroWhenTheNodeStops() {
        FakeServed node = new FakeServed();
        node.stopped.countDown();

        int status = NodeMain.serve(node, "test-shutdown", out, err);

        assertThat(status).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(node.closes.get()).isZero();
        assertThat(errBytes.size()).isZero();
    }

    @Test
    @DisplayName("serve, R6: an interrupted main thread stops a real node, which removes its state file")
    void shouldStopARealNodeWhenInterrupted() throws Exception {
        Node node = Node.start(new NodeConfig().name("int1").host("hosta", 1_000_000).host("hostb", 1_000_000)
                .stateDir(dir), line -> { });
        try {
            Path state = node.stateFile();
            assertThat(Files.exists(state)).isTrue();
            Thread.currentThread().interrupt();

            int status = NodeMain.serve(node, "test-shutdown", out, err);

            assertThat(status).isEqualTo(NodeMain.EXIT_INTERRUPTED);
            assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
            assertThat(node.isStopped()).isTrue();
            assertThat(Files.exists(state)).as("state file removed").isFalse();
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("interrupted while serving");
        } finally {
            Thread.interrupted();
            node.close();
        }
    }
}
