package io.jcondis.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.wan.pstn.Subscriber;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineDevice;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test (issue 3 item 6): random interleavings of make, answer, drop, close-call, line close, remote
 * hang-ups, halts, resets, reloads and reconfigurations across several lines and adapters of the simulated
 * network, in INVOKER mode with the manual clock (a seed replays a run exactly). A tiny reference model tracks
 * which handles the application may still use and checks: every call the application saw is closed exactly
 * once (by its close-call, or by the close of its line); no request is left outstanding; no request with a dead
 * handle ever succeeds; nothing leaks (WanSnapshot and the runtime's snapshot quiescent, no violation).
 */
class WanModelTest {

    @Property(tries = 60)
    void randomSessionsKeepEveryClosingRuleR38toR48(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed,
                                                   @ForAll @IntRange(min = 60, max = 250) int steps) {
        new Run(seed).play(steps);
    }

    /** One run. */
    private static final class Run {
        final Random rnd;
        final WanHarness h = new WanHarness();
        final List<String> trail = new ArrayList<>();
        /** Lines the application may use, with their calls; REMOVED lines (after a halt) stay here. */
        final Map<LineHandle, Set<CallHandle>> liveLines = new LinkedHashMap<>();
        final Map<CallHandle, LineHandle> lineOf = new HashMap<>();
        final Set<CallHandle> liveCalls = new LinkedHashSet<>();
        final Set<CallHandle> seen = new LinkedHashSet<>();
        final Set<CallHandle> failedMakes = new HashSet<>();
        final Map<CallHandle, Integer> closed = new HashMap<>();
        final List<CallHandle> deadCalls = new ArrayList<>();
        final List<LineHandle> deadLines = new ArrayList<>();
        final List<TapiRequest<?>> requests = new ArrayList<>();
        final List<String> adapters = new ArrayList<>();
        final Subscriber outside;
        int adapterSerial;

        Run(long seed) {
            rnd = new Random(seed);
            h.pstn = io.jcondis.wan.pstn.PstnNetwork.install(h.wan, "pstn");
            h.pstn.noAnswerTimeoutNs(2_000_000_000L).pendRequests(rnd.nextInt(3) == 0);
            outside = h.pstn.addSubscriber("555", Subscriber.Mode.ANSWER);
            h.tapi.addListener(new io.jcondis.wan.tapi.TapiListener() {
                @Override
                public void onEvent(LineEvent e) {
                    if (e instanceof LineEvent.NewCall) {
                        newCallSeen((LineEvent.NewCall) e);
                    } else if (e instanceof LineEvent.LineClosed) {
                        lineDied(((LineEvent.LineClosed) e).line());
                    }
                }
            });
            addAdapter(2);
            addAdapter(2);
            h.run();
        }

        private void newCallSeen(LineEvent.NewCall e) {
            Set<CallHandle> calls = liveLines.get(e.line());
            assertThat(calls).as("LINE_NEWCALL on a line the application does not hold: " + e).isNotNull();
            calls.add(e.call());
            lineOf.put(e.call(), e.line());
            liveCalls.add(e.call());
            seen.add(e.call());
        }

        private void addAdapter(int lines) {
            String name = "isdn" + adapterSerial++;
            h.pstn.addAdapter(name, String.valueOf(adapterSerial), lines);
            adapters.add(name);
        }

        private void lineDied(LineHandle l) {
            Set<CallHandle> calls = liveLines.remove(l);
            if (calls == null) {
                return;
            }
            deadLines.add(l);
            for (CallHandle c : calls) {
                callClosed(c);
            }
        }

        private void callClosed(CallHandle c) {
            if (liveCalls.remove(c)) {
                closed.merge(c, 1, Integer::sum);
                deadCalls.add(c);
                Set<CallHandle> s = liveLines.get(lineOf.get(c));
                if (s != null) {
                    s.remove(c);
                }
            }
        }

        private <T> TapiRequest<T> track(TapiRequest<T> r) {
            requests.add(r);
            return r;
        }

        private <T> T pick(List<T> from) {
            return from.isEmpty() ? null : from.get(rnd.nextInt(from.size()));
        }

        void play(int steps) {
            for (int i = 0; i < steps; i++) {
                int op = rnd.nextInt(100);
                try {
                    step(op);
                } catch (AssertionError e) {
                    throw new AssertionError("step " + i + " op " + op + "; trail " + trail, e);
                }
                if (rnd.nextInt(3) == 0) {
                    h.advance(rnd.nextInt(4) * 10_000_000L + (rnd.nextInt(10) == 0 ? 2_000_000_000L : 0));
                } else {
                    h.run();
                }
            }
            finish();
        }

        private void step(int op) {
            List<LineHandle> lines = new ArrayList<>(liveLines.keySet());
            List<CallHandle> calls = new ArrayList<>(liveCalls);
            if (op < 12) {
                LineDevice d = pick(h.tapi.devices());
                if (d != null) {
                    trail.add("open " + d.deviceId());
                    TapiRequest<LineHandle> r = track(h.tapi.open(d.deviceId()));
                    if (r.value() != null && !r.status().isFailure()) {
                        LineHandle l = r.value();
                        liveLines.put(l, new LinkedHashSet<>());
                        r.whenDone(x -> {
                            if (x.status().isFailure()) {
                                lineDied(l);
                            } else if (liveLines.containsKey(l)) {
                                track(h.tapi.setDefaultMediaDetection(l, Tapi.LINEMEDIAMODE_DIGITALDATA));
                            }
                        });
                    }
                }
            } else if (op < 30) {
                LineHandle l = pick(lines);
                if (l != null) {
                    String number = rnd.nextInt(5) == 0 ? "555" : rnd.nextInt(adapterSerial + 1) + "" + rnd.nextInt(3);
                    trail.add("make " + l + " " + number);
                    TapiRequest<CallHandle> r = track(h.tapi.makeCall(l, number, null));
                    CallHandle c = r.value();
                    if (c != null) {
                        seen.add(c);
                        lineOf.put(c, l);
                        if (r.status().isFailure()) {
                            failedMakes.add(c);
                            deadCalls.add(c);
                        } else {
                            liveCalls.add(c);
                            liveLines.get(l).add(c);
                            r.whenDone(x -> {
                                if (x.status().isFailure()) {
                                    failedMakes.add(c);
                                    if (liveCalls.remove(c)) {
                                        deadCalls.add(c);
                                        Set<CallHandle> s = liveLines.get(l);
                                        if (s != null) {
                                            s.remove(c);
                                        }
                                    }
                                }
                            });
                        }
                    }
                }
            } else if (op < 40) {
                CallHandle c = pick(calls);
                if (c != null) {
                    trail.add("answer " + c);
                    track(h.tapi.answer(c));
                }
            } else if (op < 50) {
                CallHandle c = pick(calls);
                if (c != null) {
                    trail.add("drop " + c);
                    track(h.tapi.drop(c));
                }
            } else if (op < 62) {
                CallHandle c = pick(calls);
                if (c != null) {
                    trail.add("closeCall " + c);
                    TapiRequest<Void> r = track(h.tapi.closeCall(c));
                    assertThat(r.status().isFailure()).as("R41: close-call of a valid call cannot fail: " + r)
                            .isFalse();
                    callClosed(c);
                }
            } else if (op < 68) {
                LineHandle l = pick(lines);
                if (l != null) {
                    trail.add("close " + l);
                    TapiRequest<Void> r = track(h.tapi.close(l));
                    boolean opening = r.status().is(Status.Code.TAPI_INVALLINESTATE);
                    if (!opening) {
                        assertThat(r.status().isFailure()).as("R44: close of a valid line: " + r).isFalse();
                        lineDied(l);
                    }
                }
            } else if (op < 74) {
                trail.add("outside hangs up / dials");
                if (!outside.hangUp() && !adapters.isEmpty()) {
                    outside.dial("1" + rnd.nextInt(2));
                }
            } else if (op < 80) {
                CallHandle c = pick(calls);
                if (c != null) {
                    trail.add("send " + c);
                    Status st = h.tapi.send(c, Packet.wrap(new byte[1 + rnd.nextInt(40)]));
                    assertThat(st.is(Status.Code.TAPI_INVALCALLHANDLE)).as("send on a valid call").isFalse();
                }
            } else if (op < 84) {
                CallHandle c = pick(calls);
                if (c != null) {
                    trail.add("status " + c);
                    track(h.tapi.getCallStatus(c));
                }
            } else if (op < 90) {
                probeDeadHandles();
            } else if (op < 93) {
                AdapterHandle a = pick(h.wan.adapters());
                if (a != null) {
                    trail.add("reset " + a);
                    h.wan.reset(a);
                }
            } else if (op < 96) {
                AdapterHandle a = pick(h.wan.adapters());
                if (a != null) {
                    int n = 1 + rnd.nextInt(3);
                    trail.add("reconfigure " + a + " to " + n);
                    h.pstn.setLineCount(a, n);
                }
            } else if (op < 98) {
                AdapterHandle a = pick(h.wan.adapters());
                if (a != null) {
                    trail.add("halt " + a);
                    assertThat(h.pstn.removeAdapter(a)).isEqualTo(Status.SUCCESS);
                }
            } else {
                trail.add("reload");
                addAdapter(1 + rnd.nextInt(3));
            }
        }

        /** No request with a dead handle ever succeeds (R41, R44). */
        private void probeDeadHandles() {
            CallHandle c = pick(deadCalls);
            if (c != null) {
                trail.add("probe dead " + c);
                int k = rnd.nextInt(4);
                TapiRequest<?> r = k == 0 ? h.tapi.drop(c) : k == 1 ? h.tapi.closeCall(c)
                        : k == 2 ? h.tapi.getCallStatus(c) : h.tapi.answer(c);
                assertThat(r.status().code()).as("dead " + c + ": " + r).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
                assertThat(h.tapi.send(c, Packet.wrap(new byte[1])).code())
                        .isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            }
            LineHandle l = pick(deadLines);
            if (l != null) {
                trail.add("probe dead " + l);
                TapiRequest<?> r = rnd.nextBoolean() ? h.tapi.makeCall(l, "10", null) : h.tapi.close(l);
                assertThat(r.status().code()).as("dead " + l + ": " + r).isEqualTo(Status.Code.TAPI_INVALLINEHANDLE);
            }
        }

        private void finish() {
            h.pstn.pendRequests(false);
            h.run();
            for (CallHandle c : new ArrayList<>(liveCalls)) {
                TapiRequest<Void> r = track(h.tapi.closeCall(c));
                assertThat(r.status().isFailure()).as("final close-call " + c + ": " + r).isFalse();
                callClosed(c);
            }
            for (LineHandle l : new ArrayList<>(liveLines.keySet())) {
                TapiRequest<Void> r = track(h.tapi.close(l));
                if (r.status().is(Status.Code.TAPI_INVALLINESTATE)) {
                    h.run();
                    r = track(h.tapi.close(l));
                }
                assertThat(r.status().isFailure()).as("final close " + l + ": " + r + " " + trail).isFalse();
                lineDied(l);
            }
            h.run();
            h.advance(3_000_000_000L);
            for (CallHandle c : seen) {
                int n = closed.getOrDefault(c, 0);
                if (failedMakes.contains(c)) {
                    assertThat(n).as("failed make-call " + c).isLessThanOrEqualTo(1);
                } else {
                    assertThat(n).as("closed count of " + c).isEqualTo(1);
                }
                assertThat(h.tapi.callState(c).status().code()).isEqualTo(Status.Code.TAPI_INVALCALLHANDLE);
            }
            assertThat(requests).as("requests left outstanding").allMatch(TapiRequest::isDone);
            WanSnapshot s = h.wan.snapshot();
            assertThat(s.isQuiescent()).as(s + " " + trail).isTrue();
            assertThat(s.violations()).isZero();
            assertThat(s.handlerErrors()).isZero();
            assertThat(h.ndis.snapshot().isQuiescent()).isTrue();
            h.assertNoProblems();
        }
    }
}
