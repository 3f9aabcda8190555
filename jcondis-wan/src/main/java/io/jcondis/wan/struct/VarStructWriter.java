package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * Fills one variable-size TAPI output structure (LINE_DEV_CAPS, LINE_CALL_INFO, VAR_STRING, ...) the way jcondis
 * answers contract GAP-3:
 * <ul>
 *   <li>the caller's {@code ulTotalSize} (already in the buffer) bounds everything written;</li>
 *   <li>if the fixed part does not fit in {@code ulTotalSize}, only {@code ulNeededSize} is written (the size
 *       of the whole answer, fixed plus variable parts), {@code ulUsedSize} is 0 and {@link #finish()} answers
 *       {@code NDIS_STATUS_TAPI_STRUCTURETOOSMALL};</li>
 *   <li>otherwise the fixed part is written, each variable part is appended whole if it still fits (a part that
 *       does not fit is left out: its Size and Offset stay 0, never truncated), {@code ulNeededSize} counts
 *       every part, {@code ulUsedSize} what was written, and {@link #finish()} answers SUCCESS, so a caller
 *       sees {@code ulNeededSize > ulUsedSize} when it should ask again with a bigger buffer.</li>
 * </ul>
 * Offsets are relative to the structure's start; variable data follows the fixed part. Never throws for any
 * buffer content. Not thread-safe.
 */
public final class VarStructWriter {
    /** ulTotalSize, ulNeededSize, ulUsedSize: the bytes every variable-size structure must at least have. */
    public static final int HEADER_BYTES = 12;

    private final TapiMessage m;
    private final long total;
    private final boolean headerInside;
    private final boolean fixedFits;
    private long used;
    private long needed;

    /**
     * @param buf    the information buffer
     * @param base   where the structure starts in {@code buf}
     * @param layout the structure (e.g. {@link NdisTapiStructs#LINE_DEV_CAPS})
     */
    public VarStructWriter(byte[] buf, int base, StructLayout layout) {
        this.m = TapiMessage.wrap(layout, buf, base);
        this.headerInside = TapiMessage.inside(buf, base, HEADER_BYTES);
        this.total = headerInside ? Integer.toUnsignedLong(TapiMessage.getU32(buf, base)) : 0;
        this.fixedFits = headerInside && total >= layout.size() && TapiMessage.inside(buf, base, total);
        this.used = layout.size();
        this.needed = layout.size();
        if (fixedFits) {
            java.util.Arrays.fill(buf, base + 4, base + layout.size(), (byte) 0);
        }
    }

    /** @return true when the caller's ulTotalSize holds the fixed part */
    public boolean fixedFits() {
        return fixedFits;
    }

    /** Writes a ULONG of the fixed part (ignored when it does not fit). */
    public VarStructWriter u32(String field, int value) {
        if (fixedFits) {
            m.putU32(field, value);
        }
        return this;
    }

    /** Appends a variable part and points {@code sizeField}/{@code offsetField} at it, if it fits whole. */
    public VarStructWriter var(String sizeField, String offsetField, byte[] data) {
        if (data == null || data.length == 0) {
            return this;
        }
        needed += data.length;
        if (fixedFits && used + data.length <= total) {
            System.arraycopy(data, 0, m.buffer(), (int) (m.base() + used), data.length);
            m.putU32(sizeField, data.length);
            m.putU32(offsetField, (int) used);
            used += data.length;
        }
        return this;
    }

    /** Appends an ASCII string with its NUL (nothing for null or empty). */
    public VarStructWriter string(String sizeField, String offsetField, String s) {
        return s == null || s.isEmpty() ? this : var(sizeField, offsetField, TapiMessage.asciiZ(s));
    }

    /** Writes ulNeededSize and ulUsedSize; returns SUCCESS or TAPI_STRUCTURETOOSMALL (see the class comment). */
    public Status finish() {
        if (!headerInside) {
            return Status.of(Status.Code.TAPI_STRUCTURETOOSMALL);
        }
        m.putU32("ulNeededSize", (int) needed);
        if (!fixedFits) {
            m.putU32("ulUsedSize", 0);
            return Status.of(Status.Code.TAPI_STRUCTURETOOSMALL);
        }
        m.putU32("ulUsedSize", (int) used);
        return Status.SUCCESS;
    }

    /**
     * The three header fields of a variable-size structure.
     *
     * @param totalSize  ulTotalSize
     * @param neededSize ulNeededSize
     * @param usedSize   ulUsedSize
     */
    public record Header(long totalSize, long neededSize, long usedSize) {
        /** @return the header at {@code base}, or null when it is not inside {@code buf} */
        public static Header read(byte[] buf, int base) {
            if (!TapiMessage.inside(buf, base, HEADER_BYTES)) {
                return null;
            }
            return new Header(Integer.toUnsignedLong(TapiMessage.getU32(buf, base)),
                    Integer.toUnsignedLong(TapiMessage.getU32(buf, base + 4)),
                    Integer.toUnsignedLong(TapiMessage.getU32(buf, base + 8)));
        }
    }
}
