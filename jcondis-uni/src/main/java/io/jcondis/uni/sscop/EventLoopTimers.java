package io.jcondis.uni.sscop;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link Timers} on a Netty event loop: {@link System#nanoTime()} and {@link EventLoop#schedule}. Tasks run on
 * the loop's thread, so an entity driven by that loop (an {@link SscopUdpEndpoint}'s SSCOP, a data endpoint's
 * shaping queues) sees its timers on the same thread as its other inputs. Thread-safe.
 */
public final class EventLoopTimers implements Timers {
    private final EventLoop loop;

    /** @param loop the loop that runs the tasks */
    public EventLoopTimers(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNs, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delayNs, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
