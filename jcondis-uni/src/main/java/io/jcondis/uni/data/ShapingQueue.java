package io.jcondis.uni.data;

import io.jcondis.api.Status;
import io.jcondis.uni.sscop.Timers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * A VC's bounded send queue in front of its {@link DualTokenBucket}: a frame that conforms and finds the queue
 * empty goes out at once; any other frame waits in FIFO order until it conforms (a timer on the injected clock),
 * and a frame that finds the queue full is refused. Frames are never reordered and never dropped once queued.
 *
 * <p>Timers fire late: Netty's event loop rounds its waits to whole milliseconds, and a loaded machine adds more.
 * A shaper that charged each waiting frame at the moment its timer actually ran would lose that lateness on every
 * frame and fall far below its contract whenever the bucket holds about one frame (measured: half the rate). So a
 * frame that waited is charged at the later of its own eligibility and the deadline its timer was armed for, but
 * never earlier than {@link #TIMER_SLACK_NS} before now: the long-run rate is the contract, and a late timer lets
 * the frames that became due meanwhile go together, a catch-up burst of at most the slack's worth of rate beyond
 * the strict GCRA bound. A timer that fires on time gives exactly the strict GCRA schedule.
 *
 * <p>Not thread-safe: every method and the timer run on one thread (the data endpoint's event loop, or a test's
 * manual clock). {@code transmit} is called on that thread and must not call back into this queue.
 *
 * @param <T> the frame type
 */
final class ShapingQueue<T> {
    /** How much of a late timer's delay waiting frames may make up (see the class comment): 2 ms. */
    static final long TIMER_SLACK_NS = 2_000_000L;

    private final DualTokenBucket bucket;
    private final int capacity;
    private final Timers timers;
    private final ToIntFunction<T> sizeBytes;
    private final Consumer<T> transmit;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private Timers.Cancellable timer;
    private long deadlineNs;
    private long delayed;
    private boolean closed;

    /**
     * @param bucket    the contract's buckets
     * @param capacity  frames that may wait, at least 1
     * @param timers    clock and timers of the owning thread
     * @param sizeBytes a frame's size as the contract counts it
     * @param transmit  sends a frame that conforms (already charged)
     */
    ShapingQueue(DualTokenBucket bucket, int capacity, Timers timers, ToIntFunction<T> sizeBytes,
                 Consumer<T> transmit) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.bucket = bucket;
        this.capacity = capacity;
        this.timers = timers;
        this.sizeBytes = sizeBytes;
        this.transmit = transmit;
    }

    /**
     * @param frame the frame
     * @return {@link Status#SUCCESS} if it was transmitted now, {@link Status#PENDING} if it waits (it will be
     *         transmitted later, in order), {@link Status#RESOURCES} if the queue is full, {@link Status#CLOSING}
     *         after {@link #close()} (neither of the last two keeps the frame)
     */
    Status offer(T frame) {
        if (closed) {
            return Status.CLOSING;
        }
        long now = timers.nanoTime();
        if (queue.isEmpty() && bucket.conforms(sizeBytes.applyAsInt(frame), now)) {
            bucket.consume(sizeBytes.applyAsInt(frame), now);
            transmit.accept(frame);
            return Status.SUCCESS;
        }
        if (queue.size() >= capacity) {
            return Status.RESOURCES;
        }
        queue.addLast(frame);
        delayed++;
        armTimer(now);
        return Status.PENDING;
    }

    /** @return frames waiting */
    int size() {
        return queue.size();
    }

    /** @return frames that had to wait since creation */
    long delayed() {
        return delayed;
    }

    /**
     * Stops the queue: cancels the timer, refuses later offers with CLOSING. Idempotent.
     *
     * @return the frames that were waiting, in order (the caller completes them)
     */
    List<T> close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        List<T> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    private void onTimer() {
        timer = null;
        if (closed) {
            return;
        }
        long now = timers.nanoTime();
        long base = Math.max(deadlineNs, now - TIMER_SLACK_NS);
        // Bounded by the queue length: each round either sends the head or arms the timer and stops.
        while (!queue.isEmpty()) {
            int size = sizeBytes.applyAsInt(queue.peekFirst());
            long due = bucket.eligibleAtNs(size, Math.min(base, now));
            if (due > now) {
                armTimer(now);
                return;
            }
            bucket.consume(size, due);
            transmit.accept(queue.pollFirst());
        }
    }

    private void armTimer(long now) {
        if (timer == null && !queue.isEmpty()) {
            long at = bucket.eligibleAtNs(sizeBytes.applyAsInt(queue.peekFirst()), now);
            deadlineNs = at;
            timer = timers.schedule(at - now, this::onTimer);
        }
    }
}
