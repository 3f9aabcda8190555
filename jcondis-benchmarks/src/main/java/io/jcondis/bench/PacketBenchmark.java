package io.jcondis.bench;

import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Packets per second through one connected point-to-point VC on the embedded switch, beside a plain
 * method-call baseline carrying the same payload (docs/performance.md).
 *
 * <pre>
 *   switchSend:   caller.send(vc, Packet) -&gt; runtime -&gt; switch.onSend -&gt; runtime.indicateReceive
 *                   -&gt; callee.onReceive -&gt; switch completes the send -&gt; runtime -&gt; caller.onSendComplete
 *   plainHandOff: Sender.send(Packet) -&gt; Receiver.onReceive(Packet) -&gt; Sender.onSendComplete(Packet)
 * </pre>
 *
 * <p>The embedded switch delivers and completes inside the send, so one benchmark operation is one whole
 * round: nothing is left queued between operations and no {@code runUntilIdle} is needed. Both sides wrap
 * the same preallocated byte array in a new {@link Packet} per operation, as a client sending a fresh buffer
 * would. The baseline's hand-off methods are kept out of line ({@link CompilerControl.Mode#DONT_INLINE}) so
 * that each is a real call, not folded into the benchmark loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketBenchmark {
    /** Payload size: a small frame and an Ethernet-MTU-sized one. */
    @Param({"64", "1500"})
    public int payloadBytes;

    private byte[] payload;
    private Fixture fixture;
    private VcHandle vc;
    private long sendsAtStart;
    private Sender sender;

    /** Connects the call the packets travel on. */
    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        fixture = new Fixture();
        vc = fixture.connect();
        sendsAtStart = fixture.caller.sendsCompleted;
        sender = new Sender(new Receiver());
    }

    /** Checks that every packet arrived and completed, then closes the call. */
    @TearDown(Level.Trial)
    public void tearDown() {
        BenchClient caller = fixture.caller;
        BenchClient callee = fixture.callee;
        long sent = caller.sendsCompleted - sendsAtStart;
        if (caller.sendsFailed != 0 || callee.packetsReceived != caller.sendsCompleted
                || callee.bytesReceived != callee.packetsReceived * payloadBytes) {
            throw new IllegalStateException("lost packets: sent " + sent + ", failed " + caller.sendsFailed
                    + ", received " + callee.packetsReceived + " / " + callee.bytesReceived + " bytes");
        }
        if (sender.completed != sender.receiver.received) {
            throw new IllegalStateException("baseline lost hand-offs");
        }
        Fixture.expect("closeCall", caller.ndis.closeCall(vc, null, null), Status.Code.PENDING);
        fixture.ndis.runUntilIdle();
        Fixture.expect("deleteVc", caller.ndis.deleteVc(vc), Status.Code.SUCCESS);
        fixture.checkClean();
        fixture.ndis.close();
    }

    /** One packet through the runtime and the switch, received by the peer, completed to the sender. */
    @Benchmark
    public Status switchSend() {
        return fixture.caller.ndis.send(vc, Packet.wrap(payload));
    }

    /** The same payload handed from one object to another and completed back, with plain method calls. */
    @Benchmark
    public Status plainHandOff() {
        return sender.send(Packet.wrap(payload));
    }

    /** Baseline sender: hands the packet to its receiver, which completes it back. */
    static final class Sender {
        final Receiver receiver;
        long completed;

        Sender(Receiver receiver) {
            this.receiver = receiver;
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        Status send(Packet packet) {
            receiver.onReceive(this, packet);
            return Status.PENDING;
        }

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        void onSendComplete(Packet packet) {
            if (packet.status().isSuccess()) {
                completed++;
            }
        }
    }

    /** Baseline receiver: counts the packet as the benchmark client does, then completes the send. */
    static final class Receiver {
        long received;
        long bytes;

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        void onReceive(Sender from, Packet packet) {
            received++;
            bytes += packet.length();
            packet.status(Status.SUCCESS);
            from.onSendComplete(packet);
        }
    }
}
