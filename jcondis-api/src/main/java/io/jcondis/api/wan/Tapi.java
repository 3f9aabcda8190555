package io.jcondis.api.wan;

import java.util.Map;
import java.util.TreeMap;

/** TAPI constants used between NDISTAPI and WAN miniports (contract section 6, from ndistapi.h). */
public final class Tapi {
    /** LINE_ADDRESSSTATE. */
    public static final int LINE_ADDRESSSTATE = 0;
    /** LINE_CALLINFO. */
    public static final int LINE_CALLINFO = 1;
    /** LINE_CALLSTATE. */
    public static final int LINE_CALLSTATE = 2;
    /** LINE_CLOSE. */
    public static final int LINE_CLOSE = 3;
    /** LINE_DEVSPECIFIC. */
    public static final int LINE_DEVSPECIFIC = 4;
    /** LINE_LINEDEVSTATE. */
    public static final int LINE_LINEDEVSTATE = 8;
    /** LINE_REPLY. */
    public static final int LINE_REPLY = 12;
    /** LINE_CREATE. */
    public static final int LINE_CREATE = 19;
    /** LINE_NEWCALL. */
    public static final int LINE_NEWCALL = 500;
    /** LINE_CALLDEVSPECIFIC. */
    public static final int LINE_CALLDEVSPECIFIC = 501;
    /** LINECALLSTATE_IDLE. */
    public static final int LINECALLSTATE_IDLE = 0x1;
    /** LINECALLSTATE_OFFERING. */
    public static final int LINECALLSTATE_OFFERING = 0x2;
    /** LINECALLSTATE_ACCEPTED. */
    public static final int LINECALLSTATE_ACCEPTED = 0x4;
    /** LINECALLSTATE_DIALTONE. */
    public static final int LINECALLSTATE_DIALTONE = 0x8;
    /** LINECALLSTATE_DIALING. */
    public static final int LINECALLSTATE_DIALING = 0x10;
    /** LINECALLSTATE_RINGBACK. */
    public static final int LINECALLSTATE_RINGBACK = 0x20;
    /** LINECALLSTATE_BUSY. */
    public static final int LINECALLSTATE_BUSY = 0x40;
    /** LINECALLSTATE_SPECIALINFO. */
    public static final int LINECALLSTATE_SPECIALINFO = 0x80;
    /** LINECALLSTATE_CONNECTED. */
    public static final int LINECALLSTATE_CONNECTED = 0x100;
    /** LINECALLSTATE_PROCEEDING. */
    public static final int LINECALLSTATE_PROCEEDING = 0x200;
    /** LINECALLSTATE_ONHOLD. */
    public static final int LINECALLSTATE_ONHOLD = 0x400;
    /** LINECALLSTATE_CONFERENCED. */
    public static final int LINECALLSTATE_CONFERENCED = 0x800;
    /** LINECALLSTATE_ONHOLDPENDCONF. */
    public static final int LINECALLSTATE_ONHOLDPENDCONF = 0x1000;
    /** LINECALLSTATE_ONHOLDPENDTRANSFER. */
    public static final int LINECALLSTATE_ONHOLDPENDTRANSFER = 0x2000;
    /** LINECALLSTATE_DISCONNECTED. */
    public static final int LINECALLSTATE_DISCONNECTED = 0x4000;
    /** LINECALLSTATE_UNKNOWN. */
    public static final int LINECALLSTATE_UNKNOWN = 0x8000;
    /** LINEDEVSTATE_OTHER. */
    public static final int LINEDEVSTATE_OTHER = 0x1;
    /** LINEDEVSTATE_RINGING. */
    public static final int LINEDEVSTATE_RINGING = 0x2;
    /** LINEDEVSTATE_CONNECTED. */
    public static final int LINEDEVSTATE_CONNECTED = 0x4;
    /** LINEDEVSTATE_DISCONNECTED. */
    public static final int LINEDEVSTATE_DISCONNECTED = 0x8;
    /** LINEDEVSTATE_MSGWAITON. */
    public static final int LINEDEVSTATE_MSGWAITON = 0x10;
    /** LINEDEVSTATE_MSGWAITOFF. */
    public static final int LINEDEVSTATE_MSGWAITOFF = 0x20;
    /** LINEDEVSTATE_INSERVICE. */
    public static final int LINEDEVSTATE_INSERVICE = 0x40;
    /** LINEDEVSTATE_OUTOFSERVICE. */
    public static final int LINEDEVSTATE_OUTOFSERVICE = 0x80;
    /** LINEDEVSTATE_MAINTENANCE. */
    public static final int LINEDEVSTATE_MAINTENANCE = 0x100;
    /** LINEDEVSTATE_OPEN. */
    public static final int LINEDEVSTATE_OPEN = 0x200;
    /** LINEDEVSTATE_CLOSE. */
    public static final int LINEDEVSTATE_CLOSE = 0x400;
    /** LINEDEVSTATE_NUMCALLS. */
    public static final int LINEDEVSTATE_NUMCALLS = 0x800;
    /** LINEDEVSTATE_NUMCOMPLETIONS. */
    public static final int LINEDEVSTATE_NUMCOMPLETIONS = 0x1000;
    /** LINEDEVSTATE_TERMINALS. */
    public static final int LINEDEVSTATE_TERMINALS = 0x2000;
    /** LINEDEVSTATE_ROAMMODE. */
    public static final int LINEDEVSTATE_ROAMMODE = 0x4000;
    /** LINEDEVSTATE_BATTERY. */
    public static final int LINEDEVSTATE_BATTERY = 0x8000;
    /** LINEDEVSTATE_SIGNAL. */
    public static final int LINEDEVSTATE_SIGNAL = 0x10000;
    /** LINEDEVSTATE_DEVSPECIFIC. */
    public static final int LINEDEVSTATE_DEVSPECIFIC = 0x20000;
    /** LINEDEVSTATE_REINIT. */
    public static final int LINEDEVSTATE_REINIT = 0x40000;
    /** LINEDEVSTATE_LOCK. */
    public static final int LINEDEVSTATE_LOCK = 0x80000;
    /** LINEDISCONNECTMODE_NORMAL. */
    public static final int LINEDISCONNECTMODE_NORMAL = 0x1;
    /** LINEDISCONNECTMODE_UNKNOWN. */
    public static final int LINEDISCONNECTMODE_UNKNOWN = 0x2;
    /** LINEDISCONNECTMODE_REJECT. */
    public static final int LINEDISCONNECTMODE_REJECT = 0x4;
    /** LINEDISCONNECTMODE_PICKUP. */
    public static final int LINEDISCONNECTMODE_PICKUP = 0x8;
    /** LINEDISCONNECTMODE_FORWARDED. */
    public static final int LINEDISCONNECTMODE_FORWARDED = 0x10;
    /** LINEDISCONNECTMODE_BUSY. */
    public static final int LINEDISCONNECTMODE_BUSY = 0x20;
    /** LINEDISCONNECTMODE_NOANSWER. */
    public static final int LINEDISCONNECTMODE_NOANSWER = 0x40;
    /** LINEDISCONNECTMODE_BADADDRESS. */
    public static final int LINEDISCONNECTMODE_BADADDRESS = 0x80;
    /** LINEDISCONNECTMODE_UNREACHABLE. */
    public static final int LINEDISCONNECTMODE_UNREACHABLE = 0x100;
    /** LINEDISCONNECTMODE_CONGESTION. */
    public static final int LINEDISCONNECTMODE_CONGESTION = 0x200;
    /** LINEDISCONNECTMODE_INCOMPATIBLE. */
    public static final int LINEDISCONNECTMODE_INCOMPATIBLE = 0x400;
    /** LINEDISCONNECTMODE_UNAVAIL. */
    public static final int LINEDISCONNECTMODE_UNAVAIL = 0x800;
    /** LINEDISCONNECTMODE_NODIALTONE. */
    public static final int LINEDISCONNECTMODE_NODIALTONE = 0x1000;
    /** LINEMEDIAMODE_UNKNOWN. */
    public static final int LINEMEDIAMODE_UNKNOWN = 0x2;
    /** LINEMEDIAMODE_INTERACTIVEVOICE. */
    public static final int LINEMEDIAMODE_INTERACTIVEVOICE = 0x4;
    /** LINEMEDIAMODE_AUTOMATEDVOICE. */
    public static final int LINEMEDIAMODE_AUTOMATEDVOICE = 0x8;
    /** LINEMEDIAMODE_DATAMODEM. */
    public static final int LINEMEDIAMODE_DATAMODEM = 0x10;
    /** LINEMEDIAMODE_G3FAX. */
    public static final int LINEMEDIAMODE_G3FAX = 0x20;
    /** LINEMEDIAMODE_TDD. */
    public static final int LINEMEDIAMODE_TDD = 0x40;
    /** LINEMEDIAMODE_G4FAX. */
    public static final int LINEMEDIAMODE_G4FAX = 0x80;
    /** LINEMEDIAMODE_DIGITALDATA. */
    public static final int LINEMEDIAMODE_DIGITALDATA = 0x100;
    /** LINEBEARERMODE_VOICE. */
    public static final int LINEBEARERMODE_VOICE = 0x1;
    /** LINEBEARERMODE_SPEECH. */
    public static final int LINEBEARERMODE_SPEECH = 0x2;
    /** LINEBEARERMODE_MULTIUSE. */
    public static final int LINEBEARERMODE_MULTIUSE = 0x4;
    /** LINEBEARERMODE_DATA. */
    public static final int LINEBEARERMODE_DATA = 0x8;
    /** LINEBEARERMODE_ALTSPEECHDATA. */
    public static final int LINEBEARERMODE_ALTSPEECHDATA = 0x10;
    /** LINEBEARERMODE_NONCALLSIGNALING. */
    public static final int LINEBEARERMODE_NONCALLSIGNALING = 0x20;
    /** LINEBEARERMODE_PASSTHROUGH. */
    public static final int LINEBEARERMODE_PASSTHROUGH = 0x40;
    /** NDIS_TAPI_CURRENT_VERSION. */
    public static final int NDIS_TAPI_CURRENT_VERSION = 0x00010003;
    /** LINECALLSELECT_LINE. */
    public static final int LINECALLSELECT_LINE = 0x1;
    /** LINECALLSELECT_ADDRESS. */
    public static final int LINECALLSELECT_ADDRESS = 0x2;
    /** LINECALLSELECT_CALL. */
    public static final int LINECALLSELECT_CALL = 0x4;
    /** LINEADDRESSMODE_ADDRESSID. */
    public static final int LINEADDRESSMODE_ADDRESSID = 0x1;
    /** LINEADDRESSMODE_DIALABLEADDR. */
    public static final int LINEADDRESSMODE_DIALABLEADDR = 0x2;
    /** LINEANSWERMODE_NONE. */
    public static final int LINEANSWERMODE_NONE = 0x1;
    /** LINEANSWERMODE_DROP. */
    public static final int LINEANSWERMODE_DROP = 0x2;
    /** LINECALLORIGIN_OUTBOUND. */
    public static final int LINECALLORIGIN_OUTBOUND = 0x1;
    /** LINECALLORIGIN_EXTERNAL. */
    public static final int LINECALLORIGIN_EXTERNAL = 0x4;
    /** LINECALLORIGIN_INBOUND. */
    public static final int LINECALLORIGIN_INBOUND = 0x80;
    /** LINECALLREASON_DIRECT. */
    public static final int LINECALLREASON_DIRECT = 0x1;
    /** LINECALLPRIVILEGE_OWNER. */
    public static final int LINECALLPRIVILEGE_OWNER = 0x4;
    /** LINECALLFEATURE_ACCEPT. */
    public static final int LINECALLFEATURE_ACCEPT = 0x1;
    /** LINECALLFEATURE_ANSWER. */
    public static final int LINECALLFEATURE_ANSWER = 0x4;
    /** LINECALLFEATURE_DIAL. */
    public static final int LINECALLFEATURE_DIAL = 0x40;
    /** LINECALLFEATURE_DROP. */
    public static final int LINECALLFEATURE_DROP = 0x80;
    /** LINEBUSYMODE_STATION. */
    public static final int LINEBUSYMODE_STATION = 0x1;
    /** LINEDEVCAPFLAGS_CLOSEDROP. */
    public static final int LINEDEVCAPFLAGS_CLOSEDROP = 0x20;
    /** LINEADDRESSSHARING_PRIVATE. */
    public static final int LINEADDRESSSHARING_PRIVATE = 0x1;
    /** LINEFEATURE_MAKECALL (LINE_DEV_STATUS.ulLineFeatures). */
    public static final int LINEFEATURE_MAKECALL = 0x10;
    /** LINEADDRFEATURE_MAKECALL. */
    public static final int LINEADDRFEATURE_MAKECALL = 0x2;
    /** STRINGFORMAT_ASCII. */
    public static final int STRINGFORMAT_ASCII = 1;
    /** STRINGFORMAT_BINARY. */
    public static final int STRINGFORMAT_BINARY = 4;

    private static final Map<Integer, String> MESSAGES = new TreeMap<>();
    private static final Map<Integer, String> CALL_STATES = new TreeMap<>();
    private static final Map<Integer, String> DEV_STATES = new TreeMap<>();

    static {
        MESSAGES.put(LINE_ADDRESSSTATE, "LINE_ADDRESSSTATE");
        MESSAGES.put(LINE_CALLINFO, "LINE_CALLINFO");
        MESSAGES.put(LINE_CALLSTATE, "LINE_CALLSTATE");
        MESSAGES.put(LINE_CLOSE, "LINE_CLOSE");
        MESSAGES.put(LINE_DEVSPECIFIC, "LINE_DEVSPECIFIC");
        MESSAGES.put(LINE_LINEDEVSTATE, "LINE_LINEDEVSTATE");
        MESSAGES.put(LINE_REPLY, "LINE_REPLY");
        MESSAGES.put(LINE_CREATE, "LINE_CREATE");
        MESSAGES.put(LINE_NEWCALL, "LINE_NEWCALL");
        MESSAGES.put(LINE_CALLDEVSPECIFIC, "LINE_CALLDEVSPECIFIC");
        CALL_STATES.put(LINECALLSTATE_IDLE, "IDLE");
        CALL_STATES.put(LINECALLSTATE_OFFERING, "OFFERING");
        CALL_STATES.put(LINECALLSTATE_ACCEPTED, "ACCEPTED");
        CALL_STATES.put(LINECALLSTATE_DIALTONE, "DIALTONE");
        CALL_STATES.put(LINECALLSTATE_DIALING, "DIALING");
        CALL_STATES.put(LINECALLSTATE_RINGBACK, "RINGBACK");
        CALL_STATES.put(LINECALLSTATE_BUSY, "BUSY");
        CALL_STATES.put(LINECALLSTATE_SPECIALINFO, "SPECIALINFO");
        CALL_STATES.put(LINECALLSTATE_CONNECTED, "CONNECTED");
        CALL_STATES.put(LINECALLSTATE_PROCEEDING, "PROCEEDING");
        CALL_STATES.put(LINECALLSTATE_ONHOLD, "ONHOLD");
        CALL_STATES.put(LINECALLSTATE_CONFERENCED, "CONFERENCED");
        CALL_STATES.put(LINECALLSTATE_ONHOLDPENDCONF, "ONHOLDPENDCONF");
        CALL_STATES.put(LINECALLSTATE_ONHOLDPENDTRANSFER, "ONHOLDPENDTRANSFER");
        CALL_STATES.put(LINECALLSTATE_DISCONNECTED, "DISCONNECTED");
        CALL_STATES.put(LINECALLSTATE_UNKNOWN, "UNKNOWN");
        String[] dev = {"OTHER", "RINGING", "CONNECTED", "DISCONNECTED", "MSGWAITON", "MSGWAITOFF", "INSERVICE",
            "OUTOFSERVICE", "MAINTENANCE", "OPEN", "CLOSE", "NUMCALLS", "NUMCOMPLETIONS", "TERMINALS", "ROAMMODE",
            "BATTERY", "SIGNAL", "DEVSPECIFIC", "REINIT", "LOCK"};
        for (int i = 0; i < dev.length; i++) {
            DEV_STATES.put(1 << i, dev[i]);
        }
    }

    private Tapi() {
    }

    /** @return the LINEDEVSTATE_* name (without prefix) of one device-state bit, or its hex value */
    public static String devStateName(long state) {
        String n = DEV_STATES.get((int) state);
        return n != null ? n : "0x" + Long.toHexString(state);
    }

    /** @return the LINE_* name of a message id, or its number */
    public static String messageName(int msg) {
        return MESSAGES.getOrDefault(msg, "LINE_" + msg);
    }

    /** @return the LINECALLSTATE_* name (without prefix) of a call state, or its hex value */
    public static String callStateName(long state) {
        String n = CALL_STATES.get((int) state);
        return n != null ? n : "0x" + Long.toHexString(state);
    }
}
