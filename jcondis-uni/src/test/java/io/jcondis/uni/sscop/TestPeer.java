package io.jcondis.uni.sscop;

import io.jcondis.uni.codec.Octets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An SSCOP user for tests: records every signal and every PDU its entity sends, collects delivered data, and by
 * default answers ESTABLISH, RESYNC and RECOVER indications at once (as SSCF-UNI does).
 */
final class TestPeer implements SscopOutput {
    final String name;
    final Sscop sscop;
    final List<AaSignal> signals = new ArrayList<>();
    final List<Octets> delivered = new ArrayList<>();
    final List<MaaError> errors = new ArrayList<>();
    final List<SscopPdu> sent = new ArrayList<>();
    boolean autoAccept = true;
    boolean autoResync = true;
    boolean autoRecover = true;
    private Consumer<byte[]> wire = b -> { };

    TestPeer(String name, SscopConfig config, Timers timers) {
        this.name = name;
        this.sscop = new Sscop(name, config, timers, this);
    }

    void wire(Consumer<byte[]> w) {
        this.wire = w;
    }

    @Override
    public void transmit(byte[] pdu) {
        sent.add(SscopCodec.decode(pdu).orElseThrow());
        wire.accept(pdu);
    }

    @Override
    public void signal(AaSignal s) {
        signals.add(s);
        if (s instanceof AaSignal.DataIndication d) {
            delivered.add(d.data());
        } else if (s instanceof AaSignal.EstablishIndication && autoAccept) {
            sscop.establishResponse(Octets.EMPTY);
        } else if (s instanceof AaSignal.ResyncIndication && autoResync) {
            sscop.resyncResponse();
        } else if (s instanceof AaSignal.RecoverIndication && autoRecover) {
            sscop.recoverResponse();
        }
    }

    @Override
    public void maaError(MaaError error) {
        errors.add(error);
    }

    SscopState state() {
        return sscop.state();
    }

    long sent(SscopPduType type) {
        return sent.stream().filter(p -> p.type() == type).count();
    }

    <T extends AaSignal> List<T> signals(Class<T> type) {
        return signals.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return name + "[" + sscop.state() + "]";
    }
}
