package io.jcondis.wan.pstn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A telephone outside the WAN adapters: a number on the simulated network that answers, is busy, never answers
 * or rejects, and that tests (and demos) drive from the far end: {@link #dial}, {@link #send}, {@link #hangUp}.
 * Created by {@link PstnNetwork#addSubscriber}. Not thread-safe: use it on the control plane (INVOKER mode tests,
 * or inside {@code Jcondis.onConductor}).
 */
public final class Subscriber {
    /** How the subscriber treats an incoming call. */
    public enum Mode {
        /** Answers after {@link #answerDelayNs}. */
        ANSWER,
        /** Always busy: the caller gets LINECALLSTATE_BUSY. */
        BUSY,
        /** Rings until the network's no-answer timeout: the caller gets DISCONNECTED / NOANSWER. */
        NO_ANSWER,
        /** Rejects at once: the caller gets DISCONNECTED / REJECT. */
        REJECT
    }

    private final PstnNetwork net;
    private final String number;
    private Mode mode;
    private long answerDelayNs = 1_000_000L;
    /** The connected or ringing call on the network side; set and cleared by the network. */
    Object peer;
    boolean connected;
    private final List<byte[]> received = new ArrayList<>();

    Subscriber(PstnNetwork net, String number, Mode mode) {
        this.net = net;
        this.number = number;
        this.mode = mode;
    }

    /** @return the directory number */
    public String number() {
        return number;
    }

    /** @return the answering mode */
    public Mode mode() {
        return mode;
    }

    /** @param m the answering mode for later calls */
    public Subscriber mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** @return delay between the ring and the answer in {@link Mode#ANSWER} */
    public long answerDelayNs() {
        return answerDelayNs;
    }

    /** @param ns delay between the ring and the answer in {@link Mode#ANSWER} */
    public Subscriber answerDelayNs(long ns) {
        this.answerDelayNs = ns;
        return this;
    }

    /** @return true while a call with a WAN line is connected */
    public boolean isConnected() {
        return connected;
    }

    /** @return the frames received so far, in order (copies) */
    public List<byte[]> received() {
        return Collections.unmodifiableList(received);
    }

    void receive(byte[] frame) {
        received.add(frame);
    }

    /**
     * Calls a line of a WAN adapter from outside: the line gets LINE_NEWCALL + OFFERING when its application
     * listens for digital data, else the call rings out unanswered.
     *
     * @return false when the number is unknown or this subscriber is already in a call
     */
    public boolean dial(String target) {
        return net.subscriberDials(this, target);
    }

    /** Sends one frame to the connected WAN line; false when not connected. */
    public boolean send(byte[] frame) {
        return net.subscriberSends(this, frame);
    }

    /** Hangs up (remote hang-up for the WAN side, J12/R42); false when not in a call. */
    public boolean hangUp() {
        return net.subscriberHangsUp(this);
    }

    @Override
    public String toString() {
        return "subscriber " + number + " (" + mode + ")";
    }
}
