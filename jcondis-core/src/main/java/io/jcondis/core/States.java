package io.jcondis.core;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/** Transition tables of every state machine (contract section 3), one table per enum, checked in one place. */
final class States {
    private States() {
    }

    static <S extends Enum<S>> Map<S, EnumSet<S>> table(Class<S> type) {
        return new EnumMap<>(type);
    }

    /**
     * Checks that {@code from -> to} is a legal move of the machine {@code table}.
     *
     * @throws IllegalStateException for an illegal move (a runtime bug: every caller checks the state first)
     */
    static <S extends Enum<S>> S check(Map<S, EnumSet<S>> table, S from, S to, Object owner) {
        EnumSet<S> legal = table.get(from);
        if (legal == null || !legal.contains(to)) {
            throw new IllegalStateException("illegal transition " + from + " -> " + to + " of " + owner);
        }
        return to;
    }
}

/**
 * An address family open instance (contract 3.1).
 * <pre>
 *   OPENING --ok--> OPEN --close--> CLOSING --ok--> CLOSED
 *      |             |                 |
 *      +--fail--> CLOSED               +--fail--> OPEN
 *                    +--notify-close--> CLOSE_NOTIFIED --close--> CLOSING
 * </pre>
 */
enum AfState {
    OPENING, OPEN, CLOSE_NOTIFIED, CLOSING, CLOSED;

    static final Map<AfState, EnumSet<AfState>> MOVES = States.table(AfState.class);

    static {
        MOVES.put(OPENING, EnumSet.of(OPEN, CLOSED));
        MOVES.put(OPEN, EnumSet.of(CLOSING, CLOSE_NOTIFIED));
        MOVES.put(CLOSE_NOTIFIED, EnumSet.of(CLOSING));
        MOVES.put(CLOSING, EnumSet.of(OPEN, CLOSE_NOTIFIED, CLOSED));
        MOVES.put(CLOSED, EnumSet.noneOf(AfState.class));
    }
}

/**
 * A SAP (contract 3.2).
 * <pre>
 *   REGISTERING --ok--> REGISTERED --deregister--> DEREGISTERING --complete--> GONE
 *        +--fail--> GONE       +--AF closed--> GONE
 * </pre>
 */
enum SapState {
    REGISTERING, REGISTERED, DEREGISTERING, GONE;

    static final Map<SapState, EnumSet<SapState>> MOVES = States.table(SapState.class);

    static {
        MOVES.put(REGISTERING, EnumSet.of(REGISTERED, DEREGISTERING, GONE));
        MOVES.put(REGISTERED, EnumSet.of(DEREGISTERING, GONE));
        MOVES.put(DEREGISTERING, EnumSet.of(GONE));
        MOVES.put(GONE, EnumSet.noneOf(SapState.class));
    }
}

/**
 * A VC's activation (contract 3.3).
 * <pre>
 *   INACTIVE --activate--> ACTIVATING --ok--> ACTIVE --activate--> REACTIVATING --ok/fail--> ACTIVE
 *      ^                       +--fail--> INACTIVE     |
 *      +------------- DEACTIVATING <--deactivate-------+
 *   INACTIVE --delete--> DELETED
 * </pre>
 */
enum VcState {
    INACTIVE, ACTIVATING, ACTIVE, REACTIVATING, DEACTIVATING, DELETED;

    static final Map<VcState, EnumSet<VcState>> MOVES = States.table(VcState.class);

    static {
        MOVES.put(INACTIVE, EnumSet.of(ACTIVATING, ACTIVE, DELETED));
        MOVES.put(ACTIVATING, EnumSet.of(ACTIVE, INACTIVE));
        MOVES.put(ACTIVE, EnumSet.of(REACTIVATING, DEACTIVATING, ACTIVE, INACTIVE));
        MOVES.put(REACTIVATING, EnumSet.of(ACTIVE));
        MOVES.put(DEACTIVATING, EnumSet.of(INACTIVE));
        MOVES.put(DELETED, EnumSet.noneOf(VcState.class));
    }
}

/**
 * The call carried by a VC (contract 3.4). "Failed before active" (MAKING -> IDLE) and "failed while active"
 * (CONNECTED -> REMOTE_CLOSING, which must still be closed) are distinct paths.
 * <pre>
 *   IDLE --makeCall--> MAKING --ok--> CONNECTED --closeCall--> CLOSING --complete--> IDLE
 *                        +--fail--> IDLE     |  ^
 *   IDLE --dispatch--> OFFERED --accept--> ACCEPTED --connected--+  |
 *                        +--reject--> IDLE      +--incoming close--> REMOTE_CLOSING --closeCall--> CLOSING
 * </pre>
 */
enum CallState {
    IDLE, MAKING, OFFERED, ACCEPTED, CONNECTED, REMOTE_CLOSING, CLOSING;

    static final Map<CallState, EnumSet<CallState>> MOVES = States.table(CallState.class);

    static {
        MOVES.put(IDLE, EnumSet.of(MAKING, OFFERED));
        MOVES.put(MAKING, EnumSet.of(CONNECTED, IDLE));
        MOVES.put(OFFERED, EnumSet.of(ACCEPTED, IDLE, REMOTE_CLOSING));
        MOVES.put(ACCEPTED, EnumSet.of(CONNECTED, REMOTE_CLOSING, CLOSING));
        MOVES.put(CONNECTED, EnumSet.of(CLOSING, REMOTE_CLOSING));
        MOVES.put(REMOTE_CLOSING, EnumSet.of(CLOSING));
        MOVES.put(CLOSING, EnumSet.of(IDLE, CONNECTED));
    }
}

/**
 * One party of a multipoint call (contract 3.5).
 * <pre>
 *   ADDING --ok--> CONNECTED --drop--> DROPPING --complete--> GONE
 *     +--fail--> GONE   +--incoming drop--> REMOTE_DROPPING --drop--> DROPPING
 * </pre>
 */
enum PartyState {
    ADDING, CONNECTED, REMOTE_DROPPING, DROPPING, GONE;

    static final Map<PartyState, EnumSet<PartyState>> MOVES = States.table(PartyState.class);

    static {
        MOVES.put(ADDING, EnumSet.of(CONNECTED, GONE));
        MOVES.put(CONNECTED, EnumSet.of(DROPPING, REMOTE_DROPPING, GONE));
        MOVES.put(REMOTE_DROPPING, EnumSet.of(DROPPING, GONE));
        MOVES.put(DROPPING, EnumSet.of(GONE));
        MOVES.put(GONE, EnumSet.noneOf(PartyState.class));
    }
}

/** A miniport adapter's life. */
enum AdapterState {
    INITIALIZING, RUNNING, HALTING, HALTED;

    static final Map<AdapterState, EnumSet<AdapterState>> MOVES = States.table(AdapterState.class);

    static {
        MOVES.put(INITIALIZING, EnumSet.of(RUNNING, HALTED));
        MOVES.put(RUNNING, EnumSet.of(HALTING));
        MOVES.put(HALTING, EnumSet.of(HALTED));
        MOVES.put(HALTED, EnumSet.noneOf(AdapterState.class));
    }
}
