package io.jcondis.wan;

import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.wan.LineUp;
import io.jcondis.wan.WanModel.Adapter;
import io.jcondis.wan.WanModel.Call;
import io.jcondis.wan.WanModel.CallLife;
import io.jcondis.wan.WanModel.Link;
import io.jcondis.wan.tapi.LineEvent;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NDISWAN role: links (line-up gives a call an NdisLinkContext, line-down takes it away), sends within the
 * link's SendWindow (further sends wait in order), receives, and the per-call counters that outlive the link
 * until close-call (R40). Runs under the control-plane lock.
 */
final class NdisWan {
    private final WanBroker b;
    private final Map<Long, Link> links = new LinkedHashMap<>();
    private final Map<Packet, Link> inFlight = new IdentityHashMap<>();
    private long nextContext = 0x10000;

    NdisWan(WanBroker b) {
        this.b = b;
    }

    // ------------------------------------------------------------------------------------- miniport indications

    Result<Long> lineUp(Adapter a, LineUp up) {
        String who = a.driver.name;
        if (up == null) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("null line-up"));
        }
        Call c = b.tapi.callByHt(up.connectionWrapperId());
        if (c == null || c.line.adapter != a || c.life == CallLife.DEALLOCATED || c.life == CallLife.CLOSING) {
            return Result.failed(b.violation(who, "R47", "line-up with ConnectionWrapperID "
                    + up.connectionWrapperId() + ", which is not the htCall of a live call of " + a.handle));
        }
        if (c.link != null) {
            return Result.failed(b.violation(who, "R47", "a second line-up for " + c.handle + " (link "
                    + c.link.context + " is up)"));
        }
        for (Link k : links.values()) {
            if (k.adapter == a && k.ndisLinkHandle == up.ndisLinkHandle()) {
                return Result.failed(b.violation(who, "J7", "NdisLinkHandle " + up.ndisLinkHandle()
                        + " is already in use on " + a.handle));
            }
        }
        int window = up.sendWindow() > 0 ? up.sendWindow() : a.maxTransmit;
        Link k = new Link(nextContext++, a, c, up.ndisLinkHandle(), up.linkSpeed100Bps() * 100, window);
        links.put(k.context, k);
        c.link = k;
        c.linkSpeedBps = k.speedBps;
        b.trace(() -> who + " -> wan  lineUp(" + c.handle + ", " + k.speedBps + " bit/s, window " + window
                + ") = link " + k.context);
        b.tapi.publish(new LineEvent.LinkUp(c.line.handle, c.handle, k.context, k.speedBps, window));
        return new Result<>(Status.SUCCESS, k.context);
    }

    Status lineDown(Adapter a, long context) {
        Link k = links.get(context);
        if (k == null || k.adapter != a) {
            return b.violation(a.driver.name, "J12", "line-down for link " + context + ", which is not up on "
                    + a.handle);
        }
        b.trace(() -> a.driver.name + " -> wan  lineDown(link " + context + ")");
        takeDown(k);
        return Status.SUCCESS;
    }

    /** Removes a link: queued sends complete with REQUEST_ABORTED; sends at the miniport still complete. */
    void takeDown(Link k) {
        if (!k.up) {
            return;
        }
        k.up = false;
        links.remove(k.context);
        k.call.link = null;
        b.tapi.publish(new LineEvent.LinkDown(k.call.line.handle, k.call.handle, k.context));
        Packet p;
        while ((p = k.queue.poll()) != null) {
            p.status(Status.REQUEST_ABORTED);
            k.call.sendErrors++;
            b.tapi.sendCompleted(k.call, p);
        }
    }

    Status indicateReceive(Adapter a, long context, Packet packet) {
        Link k = links.get(context);
        if (k == null || k.adapter != a) {
            return b.violation(a.driver.name, "J9", "receive on link " + context + ", which is not up on "
                    + a.handle);
        }
        if (packet == null) {
            return Status.INVALID_PARAMETER.withDescription("null packet");
        }
        k.call.framesReceived++;
        k.call.bytesReceived += packet.length();
        b.tapi.received(k.call, packet);
        return Status.SUCCESS;
    }

    void sendComplete(Adapter a, Packet packet, Status st) {
        Link k = packet == null ? null : inFlight.get(packet);
        if (k == null || k.adapter != a) {
            b.violation(a.driver.name, "J8", "wanSendComplete for a packet that is not in flight on " + a.handle);
            return;
        }
        if (st == null || st.isPending()) {
            b.violation(a.driver.name, "J8", "a send completion never carries PENDING (or null)");
            return;
        }
        inFlight.remove(packet);
        k.inFlight--;
        finishSend(k, packet, st);
        b.tapi.sendCompleted(k.call, packet);
        pump(k);
    }

    // ------------------------------------------------------------------------------------- application sends

    Status send(Call c, Packet packet) {
        if (packet == null) {
            return Status.INVALID_PARAMETER.withDescription("null packet");
        }
        if (packet.length() > Packet.MAX_PAYLOAD_BYTES) {
            return Status.INVALID_LENGTH;
        }
        Link k = c.link;
        if (k == null) {
            return Status.NOT_ACCEPTED.withDescription(c.handle + " has no link up (R47)");
        }
        if (k.inFlight >= k.sendWindow || !k.queue.isEmpty()) {
            k.queue.add(packet);
            return Status.PENDING;
        }
        return transmit(k, packet, false);
    }

    private Status transmit(Link k, Packet p, boolean queued) {
        Adapter a = k.adapter;
        k.inFlight++;
        inFlight.put(p, k);
        Status st;
        try {
            st = a.driver.handlers.onWanSend(a.handle, k.ndisLinkHandle, p);
            if (st == null) {
                st = b.violation(a.driver.name, "G5", "onWanSend returned null; FAILURE used");
            }
        } catch (RuntimeException | AssertionError ex) {
            b.handlerError(a.driver.name, "onWanSend", ex);
            st = Status.FAILURE;
        }
        if (st.isPending()) {
            return Status.PENDING;
        }
        if (!inFlight.containsKey(p)) {
            b.violation(a.driver.name, "J8", "wanSendComplete was called and onWanSend returned " + st);
            return Status.PENDING;
        }
        inFlight.remove(p);
        k.inFlight--;
        finishSend(k, p, st);
        if (queued) {
            b.tapi.sendCompleted(k.call, p);
        }
        return st;
    }

    private void finishSend(Link k, Packet p, Status st) {
        p.status(st);
        if (st.isSuccess()) {
            k.call.framesSent++;
            k.call.bytesSent += p.length();
        } else {
            k.call.sendErrors++;
        }
    }

    private void pump(Link k) {
        while (k.up && k.inFlight < k.sendWindow && !k.queue.isEmpty()) {
            transmit(k, k.queue.poll(), true);
        }
    }

    // ------------------------------------------------------------------------------------- teardown checks

    /** After onHalt: links the miniport left up are a violation (R46) and go down here. */
    void adapterGone(Adapter a) {
        forceDown(a, "R46", "link of " + a.handle + " still up after onHalt");
        for (Map.Entry<Packet, Link> e : new ArrayList<>(inFlight.entrySet())) {
            if (e.getValue().adapter == a) {
                b.violation(a.driver.name, "R46", "a send was still in flight after onHalt; aborted");
                inFlight.remove(e.getKey());
                e.getValue().inFlight--;
                finishSend(e.getValue(), e.getKey(), Status.REQUEST_ABORTED);
                b.tapi.sendCompleted(e.getValue().call, e.getKey());
            }
        }
    }

    /** Takes down every link of {@code a} still up, reporting each under {@code rule}. */
    void forceDown(Adapter a, String rule, String message) {
        for (Link k : new ArrayList<>(links.values())) {
            if (k.adapter == a) {
                b.violation(a.driver.name, rule, message + " (" + k.call.handle + ", link " + k.context + ")");
                takeDown(k);
            }
        }
    }

    /** Takes down the call's link if still up, reporting it under {@code rule}. */
    void forceDown(Call c, String rule, String message) {
        if (c.link != null) {
            b.violation(c.line.adapter.driver.name, rule, message + " (link " + c.link.context + ")");
            takeDown(c.link);
        }
    }

    int links() {
        return links.size();
    }

    int sendsInFlight() {
        return inFlight.size();
    }

    int queuedSends() {
        int n = 0;
        for (Link k : links.values()) {
            n += k.queue.size();
        }
        return n;
    }

    List<Link> linksOf(Adapter a) {
        List<Link> out = new ArrayList<>();
        for (Link k : links.values()) {
            if (k.adapter == a) {
                out.add(k);
            }
        }
        return out;
    }
}
