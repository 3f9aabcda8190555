package io.jcondis.uni.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Status;
import io.jcondis.uni.sscop.Timers;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Token-bucket shaping (I.371 dual GCRA in bytes) on a manual clock: contract bounds, burst bounds, the queue. */
class ShapingTest {
    private static final long S = 1_000_000_000L;

    /** A frame and when it left. */
    private record Sent(int id, int bytes, long atNs) {
    }

    @Test
    void shouldMapAFlowSpecToAContractInBytesPerSecond() {
        FlowSpec f = new FlowSpec(100_000, 8_000, 1_000_000, FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED,
                FlowSpec.SERVICETYPE_GUARANTEED, 1_500, FlowSpec.NOT_SPECIFIED);
        assertThat(TrafficContract.fromFlowSpec(f)).isEqualTo(new TrafficContract(1_000_000, 1_500, 100_000, 8_000));
        assertThat(TrafficContract.fromFlowSpec(FlowSpec.guaranteed(2_000, 1_000, 500)))
                .isEqualTo(new TrafficContract(2_000, 500, 1_000, 500));
        assertThat(TrafficContract.fromFlowSpec(FlowSpec.BEST_EFFORT).unshaped()).isTrue();
        assertThat(TrafficContract.fromFlowSpec(FlowSpec.BEST_EFFORT)).isEqualTo(TrafficContract.UNSHAPED);
    }

    @Test
    void shouldLetTheBurstGoAtOnceThenSpaceFramesAtTheSustainedRate() {
        // 100-byte frames, sustained 1000 B/s with a 500-byte burst, peak 10 000 B/s with one frame of tolerance.
        DualTokenBucket b = new DualTokenBucket(new TrafficContract(10_000, 100, 1_000, 500), 0);
        List<Long> times = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 8; i++) {
            now = b.eligibleAtNs(100, now);
            b.consume(100, now);
            times.add(now);
        }
        // Peak spacing 10 ms for the burst of five, then 100 ms (the sustained rate).
        assertThat(times).containsExactly(0L, 10_000_000L, 20_000_000L, 30_000_000L, 40_000_000L, 100_000_000L,
                200_000_000L, 300_000_000L);
    }

    @Test
    void shouldChargeAFrameLargerThanTheBurstInFullOnceTheBucketIsFull() {
        DualTokenBucket b = new DualTokenBucket(TrafficContract.of(1_000, 1_000, 100), 0);
        assertThat(b.conforms(400, 0)).isTrue();
        b.consume(400, 0);
        assertThat(b.eligibleAtNs(400, 0)).isEqualTo(400_000_000L);
        assertThat(b.eligibleAtNs(50, 0)).isEqualTo(350_000_000L);
    }

    @Test
    void shouldNeverDelayAnUnshapedVc() {
        DualTokenBucket b = new DualTokenBucket(TrafficContract.UNSHAPED, 5);
        for (int i = 0; i < 1000; i++) {
            assertThat(b.conforms(VcFrameCodec.MAX_PAYLOAD_BYTES, 5)).isTrue();
            b.consume(VcFrameCodec.MAX_PAYLOAD_BYTES, 5);
        }
    }

    @Test
    void shouldRefuseWithResourcesWhenTheQueueIsFullAndKeepTheQueuedOnesInOrder() {
        ManualClock clock = new ManualClock(0);
        List<Sent> sent = new ArrayList<>();
        ShapingQueue<Integer> q = new ShapingQueue<>(new DualTokenBucket(TrafficContract.of(1_000, 1_000, 100), 0),
                3, clock, id -> 100, id -> sent.add(new Sent(id, 100, clock.nanoTime())));
        assertThat(q.offer(0)).isEqualTo(Status.SUCCESS);
        assertThat(q.offer(1)).isEqualTo(Status.PENDING);
        assertThat(q.offer(2)).isEqualTo(Status.PENDING);
        assertThat(q.offer(3)).isEqualTo(Status.PENDING);
        assertThat(q.offer(4)).isEqualTo(Status.RESOURCES);
        assertThat(q.size()).isEqualTo(3);
        assertThat(sent).extracting(Sent::id).containsExactly(0);
        assertThat(clock.pending()).isEqualTo(1);

        clock.advanceTo(150_000_000L);
        assertThat(sent).extracting(Sent::id).containsExactly(0, 1);
        assertThat(q.offer(5)).isEqualTo(Status.PENDING);
        assertThat(clock.runAll(100)).isTrue();
        assertThat(sent).extracting(Sent::id).containsExactly(0, 1, 2, 3, 5);
        assertThat(sent).extracting(Sent::atNs).containsExactly(0L, 100_000_000L, 200_000_000L, 300_000_000L,
                400_000_000L);
        assertThat(q.delayed()).isEqualTo(4);
        assertThat(q.size()).isZero();
    }

    @Test
    void shouldHandBackWaitingFramesOnCloseAndRefuseLaterOnes() {
        ManualClock clock = new ManualClock(0);
        List<Integer> sent = new ArrayList<>();
        ShapingQueue<Integer> q = new ShapingQueue<>(new DualTokenBucket(TrafficContract.of(100, 100, 10), 0),
                10, clock, id -> 10, sent::add);
        for (int i = 0; i < 4; i++) {
            q.offer(i);
        }
        assertThat(q.close()).containsExactly(1, 2, 3);
        assertThat(q.offer(9)).isEqualTo(Status.CLOSING);
        assertThat(clock.pending()).isZero();
        clock.advanceTo(10 * S);
        assertThat(sent).containsExactly(0);
    }

    @Property(tries = 200)
    void shouldNeverExceedEitherRatePlusItsBurstOverAnyInterval(
            @ForAll @LongRange(min = 1_000, max = 10_000_000) long peakRate,
            @ForAll @IntRange(min = 1, max = 100) int sustainedPercentOfPeak,
            @ForAll @LongRange(min = 1, max = 20_000) long burst,
            @ForAll @LongRange(min = 1, max = 5_000) long peakBurst,
            @ForAll @Size(min = 1, max = 150) List<@IntRange(min = 1, max = 3_000) Integer> sizes,
            @ForAll @Size(min = 150, max = 150) List<@LongRange(min = 0, max = 50_000_000) Long> gapsNs) {
        long sustainedRate = Math.max(1, peakRate * sustainedPercentOfPeak / 100);
        TrafficContract c = new TrafficContract(peakRate, peakBurst, sustainedRate, burst);
        List<Sent> sent = run(c, sizes, gapsNs);

        assertThat(sent).extracting(Sent::id).isSorted().hasSize(sizes.size());
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int i = 0; i < sent.size(); i++) {
            long bytes = 0;
            for (int j = i; j < sent.size(); j++) {
                bytes += sent.get(j).bytes();
                long d = sent.get(j).atNs() - sent.get(i).atNs();
                // Frames leave at instants, so the bytes of [i, j] count against the interval [t_i, t_j].
                assertThat(bytes).as("peak bound over frames %d..%d", i, j)
                        .isLessThanOrEqualTo(Math.max(peakBurst, largest) + peakRate * d / S);
                assertThat(bytes).as("sustained bound over frames %d..%d", i, j)
                        .isLessThanOrEqualTo(Math.max(burst, largest) + sustainedRate * d / S);
            }
        }
    }

    @Property(tries = 100)
    void shouldReachTheSustainedRateWhenSaturated(@ForAll @LongRange(min = 10_000, max = 100_000_000) long rate,
                                                  @ForAll @IntRange(min = 1, max = 9_000) int size) {
        TrafficContract c = TrafficContract.of(rate * 4, rate, 10_000);
        List<Integer> sizes = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sizes.add(size);
            gaps.add(0L);
        }
        List<Sent> sent = run(c, sizes, gaps);
        long span = sent.get(199).atNs() - sent.get(0).atNs();
        long bytesAfterFirst = 199L * size;
        // Not slower than the contract by more than the burst and 1 ns of rounding per frame.
        assertThat(span).isLessThanOrEqualTo(bytesAfterFirst * S / rate + 200);
    }

    @Property(tries = 50)
    @Label("Late timers (waits rounded up to whole ms, as Netty's loop does): the long-run rate still meets the "
            + "contract, and no interval exceeds it by more than the burst plus the timer slack")
    void shouldKeepTheContractWhenTimersFireLate(@ForAll @LongRange(min = 100_000, max = 20_000_000) long rate,
                                                 @ForAll @IntRange(min = 64, max = 1_500) int size,
                                                 @ForAll @LongRange(min = 1, max = 999_999) long extraLateNs) {
        ManualClock clock = new ManualClock(0);
        Timers late = new Timers() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public Cancellable schedule(long delayNs, Runnable task) {
                long rounded = (delayNs + 999_999) / 1_000_000 * 1_000_000;
                return clock.schedule(rounded + extraLateNs, task);
            }
        };
        // The bucket holds one frame: every frame waits for its own timer.
        TrafficContract c = TrafficContract.of(rate, rate, size);
        List<Sent> sent = new ArrayList<>();
        int frames = 400;
        ShapingQueue<Integer> q = new ShapingQueue<>(new DualTokenBucket(c, 0), frames, late, id -> size,
                id -> sent.add(new Sent(id, size, clock.nanoTime())));
        for (int i = 0; i < frames; i++) {
            assertThat(q.offer(i)).isIn(Status.SUCCESS, Status.PENDING);
        }
        assertThat(clock.runAll(10 * frames)).isTrue();
        assertThat(sent).extracting(Sent::id).isSorted().hasSize(frames);
        long span = sent.get(frames - 1).atNs() - sent.get(0).atNs();
        long ideal = (frames - 1L) * size * S / rate;
        // At most one late wake-up beyond the ideal schedule (the slack is never exhausted at these lateness values).
        assertThat(span).isLessThanOrEqualTo(ideal + 2_000_000L + frames);
        long slackBytes = rate * ShapingQueue.TIMER_SLACK_NS / S;
        for (int i = 0; i < frames; i += 7) {
            long bytes = 0;
            for (int j = i; j < frames; j++) {
                bytes += size;
                long d = sent.get(j).atNs() - sent.get(i).atNs();
                assertThat(bytes).isLessThanOrEqualTo(size + slackBytes + rate * d / S + 1);
            }
        }
    }

    private static List<Sent> run(TrafficContract c, List<Integer> sizes, List<Long> gapsNs) {
        ManualClock clock = new ManualClock(1_000_000_000_000L);
        List<Sent> sent = new ArrayList<>();
        ShapingQueue<Integer> q = new ShapingQueue<>(new DualTokenBucket(c, clock.nanoTime()), sizes.size(), clock,
                sizes::get, id -> sent.add(new Sent(id, sizes.get(id), clock.nanoTime())));
        long at = clock.nanoTime();
        for (int i = 0; i < sizes.size(); i++) {
            at += gapsNs.get(i % gapsNs.size());
            clock.advanceTo(at);
            assertThat(q.offer(i)).isIn(Status.SUCCESS, Status.PENDING);
        }
        assertThat(clock.runAll(10 * sizes.size())).isTrue();
        return sent;
    }
}
