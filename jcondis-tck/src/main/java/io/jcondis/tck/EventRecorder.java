package io.jcondis.tck;

import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records, in order, every callback the scriptable drivers of one test receive (and every contract violation
 * or handler exception the runtime reports), as immutable {@link Event}s whose text form is
 * {@code "client a: onMakeCallComplete(SUCCESS, vc#7, null, params)"}. Tests assert sequences (G12).
 *
 * <p>Argument formatting ({@link #format}): a {@link Status} prints its code name, a handle its
 * {@code toString} ({@code vc#7}), {@code null} as {@code null}, a {@code byte[]} as {@code [n bytes]}, a
 * {@link CallParameters} as {@code params} or {@code params(0xFLAGS)} when flags are set, a {@link Packet} as
 * {@code packet(n, STATUS)}, an {@link OidRequest} as its OID name. Build expected lines with
 * {@link #format} so that they use the same rules.
 *
 * <p>Thread-safe (synchronized), although the deterministic tests use it from one thread.
 */
public final class EventRecorder {
    /**
     * One recorded callback.
     *
     * @param actor    who received it, e.g. {@code client a}, {@code cm sw}, {@code miniport sw}, {@code ndis}
     * @param callback the handler name, e.g. {@code onMakeCallComplete}
     * @param args     the formatted arguments
     */
    public record Event(String actor, String callback, List<String> args) {
        /** Copies the arguments. */
        public Event {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(callback, "callback");
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return actor + ": " + callback + "(" + String.join(", ", args) + ")";
        }
    }

    private final List<Event> events = new ArrayList<>();

    /** Records one callback of {@code actor}. */
    public synchronized void record(String actor, String callback, Object... args) {
        List<String> a = new ArrayList<>(args.length);
        for (Object o : args) {
            a.add(arg(o));
        }
        events.add(new Event(actor, callback, a));
    }

    /**
     * @return the text form of one event, formatted exactly as {@link #record} would record it
     */
    public static String format(String actor, String callback, Object... args) {
        List<String> a = new ArrayList<>(args.length);
        for (Object o : args) {
            a.add(arg(o));
        }
        return new Event(actor, callback, a).toString();
    }

    /** @return the formatted form of one argument */
    public static String arg(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Status) {
            return ((Status) o).code().name();
        }
        if (o instanceof byte[]) {
            return "[" + ((byte[]) o).length + " bytes]";
        }
        if (o instanceof CallParameters) {
            int f = ((CallParameters) o).flags();
            return f == 0 ? "params" : "params(0x" + Integer.toHexString(f) + ")";
        }
        if (o instanceof Packet) {
            Packet p = (Packet) o;
            return "packet(" + p.length() + ", " + p.status().code().name() + ")";
        }
        if (o instanceof OidRequest) {
            return Oids.name(((OidRequest) o).oid());
        }
        return String.valueOf(o);
    }

    /** @return a snapshot of every event recorded and not yet taken */
    public synchronized List<Event> events() {
        return Collections.unmodifiableList(new ArrayList<>(events));
    }

    /** @return the text form of every event not yet taken, without removing them */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(e.toString());
        }
        return out;
    }

    /** @return the text form of every event not yet taken, and forgets them */
    public synchronized List<String> take() {
        List<String> out = lines();
        events.clear();
        return out;
    }

    /** Forgets every event. */
    public synchronized void clear() {
        events.clear();
    }

    /** @return how many events not yet taken match {@code filter} */
    public synchronized long count(Predicate<Event> filter) {
        return events.stream().filter(filter).count();
    }

    /** @return how many events not yet taken are the callback {@code callback} of {@code actor} */
    public long count(String actor, String callback) {
        return count(e -> e.actor().equals(actor) && e.callback().equals(callback));
    }

    /**
     * Asserts that the events recorded since the last take are exactly {@code expected} (text forms, in order),
     * then forgets them.
     */
    public void assertNext(String... expected) {
        assertThat(take()).containsExactly(expected);
    }

    /** Asserts that nothing was recorded since the last take. */
    public void assertNothing() {
        assertThat(take()).isEmpty();
    }

    /**
     * Asserts that the events recorded since the last take contain {@code expected} in this relative order
     * (other events may be interleaved), then forgets them.
     */
    public void assertInOrder(String... expected) {
        assertThat(take()).containsSubsequence(expected);
    }

    /** @return the text form of the events of {@code actor} not yet taken (without removing anything) */
    public synchronized List<String> linesOf(String actor) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (e.actor().equals(actor)) {
                out.add(e.toString());
            }
        }
        return out;
    }
}
