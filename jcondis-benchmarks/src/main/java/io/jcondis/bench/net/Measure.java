package io.jcondis.bench.net;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two ways NetBench measures, each with a warm-up and a bounded duration:
 * <ul>
 *   <li>{@link #closedLoop}: one operation at a time (a call cycle), each timed into an HdrHistogram;
 *       ops/s = operations completed ÷ time from the first start to the last end.</li>
 *   <li>{@link #stream}: a sender thread sends as fast as it can (or as its shaper lets it) while the far end
 *       counts what it <em>received</em>; frames/s = received during the window ÷ the window.</li>
 * </ul>
 */
final class Measure {
    /** Longest latency the histograms record (60 s), three significant digits. */
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private Measure() {
    }

    /** One operation; throws when it fails or its bounded wait runs out (the run then stops with the error). */
    @FunctionalInterface
    interface Op {
        void run() throws IOException;
    }

    /** What the far end received so far: frames, bytes. */
    @FunctionalInterface
    interface Counter {
        long[] read() throws IOException;
    }

    /** A sender loop: sends until {@code stop} is set; counts what it handed over in {@code sent}. */
    @FunctionalInterface
    interface SendLoop {
        void run(AtomicBoolean stop, AtomicLong sent) throws IOException;
    }

    /**
     * One measured figure.
     *
     * @param label     what was measured
     * @param opsPerSec operations (calls, frames received) per second
     * @param latencyNs per-operation latency, or {@code null} for a stream
     * @param note      extra facts (counts, loss, messages per call)
     */
    record Result(String label, double opsPerSec, Histogram latencyNs, String note) {
        /** @return the operations per second with its latency percentiles, one line */
        String describe() {
            String s = String.format("%-44s %12.0f /s", label, opsPerSec);
            if (latencyNs != null) {
                s += String.format("  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %8.1f µs", us(50), us(90), us(99),
                        latencyNs.getMaxValue() / 1e3);
            }
            return note.isEmpty() ? s : s + "  (" + note + ")";
        }

        double us(double percentile) {
            return latencyNs.getValueAtPercentile(percentile) / 1e3;
        }
    }

    /**
     * Runs {@code op} for {@code warmupMs} unrecorded, then for {@code durationMs} recorded.
     *
     * @param label      the figure's name
     * @param warmupMs   warm-up time
     * @param durationMs measured time (the last operation started within it runs to its end)
     * @param op         the operation
     * @return ops/s and the latency histogram
     * @throws IOException when an operation fails
     */
    static Result closedLoop(String label, long warmupMs, long durationMs, Op op) throws IOException {
        warmUp(warmupMs, op);
        Histogram h = new Histogram(HIGHEST_NS, 3);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
        long t = start;
        long n = 0;
        while (t < end) {
            op.run();
            long after = System.nanoTime();
            h.recordValue(Math.min(after - t, HIGHEST_NS));
            t = after;
            n++;
        }
        return new Result(label, n * 1e9 / (t - start), h, n + " ops");
    }

    /** Runs {@code op} over and over for {@code warmupMs}, recording nothing. */
    static void warmUp(long warmupMs, Op op) throws IOException {
        long warmEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
    }

    /**
     * Starts {@code sender} on its own thread, waits {@code warmupMs}, then counts what {@code received} says
     * arrived over {@code durationMs}; stops the sender (bounded join) and returns received frames/s.
     *
     * @throws IOException when the sender or the counter fails
     */
    static Result stream(String label, long warmupMs, long durationMs, SendLoop sender, Counter received)
            throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        IOException[] failure = new IOException[1];
        Thread t = new Thread(() -> {
            try {
                sender.run(stop, sent);
            } catch (IOException | RuntimeException e) {
                failure[0] = e instanceof IOException io ? io : new IOException(e);
            }
        }, "bench-sender");
        t.setDaemon(true);
        t.start();
        try {
            sleep(warmupMs);
            long[] r0 = received.read();
            long s0 = sent.get();
            long t0 = System.nanoTime();
            sleep(durationMs);
            long[] r1 = received.read();
            long t1 = System.nanoTime();
            long s1 = sent.get();
            stop.set(true);
            t.join(NetBench.WAIT_MS);
            if (failure[0] != null) {
                throw failure[0];
            }
            if (t.isAlive()) {
                throw new IOException(label + ": the sender did not stop within " + NetBench.WAIT_MS + " ms");
            }
            long frames = r1[0] - r0[0];
            long handed = s1 - s0;
            double seconds = (t1 - t0) / 1e9;
            String note = String.format("%d received of %d sent in %.2f s, %.1f%% not received, %.1f MB/s",
                    frames, handed, seconds, handed == 0 ? 0.0 : 100.0 * (handed - frames) / handed,
                    (r1[1] - r0[1]) / seconds / 1e6);
            return new Result(label, frames / seconds, null, note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            stop.set(true);
        }
    }

    static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
