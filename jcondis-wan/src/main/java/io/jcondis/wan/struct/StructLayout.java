package io.jcondis.wan.struct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layout of one C structure of ndistapi.h as jcondis puts it on the wire: the x64 layout, little-endian,
 * natural alignment (ULONG 4 bytes aligned to 4; ULONG_PTR and the HTAPI_* / HDRV_* handles 8 bytes aligned to 8;
 * BOOLEAN and UCHAR 1 byte; a nested structure aligned to its widest member; sizeof rounded up to the widest
 * member). A trailing {@code UCHAR x[1]} is a <em>tail</em>: variable data that starts at its offset.
 *
 * <p>Nested structures are flattened: their fields are named {@code Outer.field}. Built once, immutable,
 * thread-safe. Unknown field names are a programming error ({@link IllegalArgumentException}).
 */
public final class StructLayout {
    /** A field kind. */
    public enum Kind {
        /** BOOLEAN / UCHAR: 1 byte. */
        U8(1, 1),
        /** ULONG: 4 bytes. */
        U32(4, 4),
        /** ULONG_PTR, HTAPI_LINE, HDRV_LINE, HTAPI_CALL, HDRV_CALL: 8 bytes. */
        PTR(8, 8),
        /** A nested structure (its fields are flattened as well). */
        STRUCT(0, 0),
        /** A trailing {@code UCHAR x[1]}/{@code CHAR x[1]}: variable data from here on. */
        TAIL(1, 1);

        private final int size;
        private final int align;

        Kind(int size, int align) {
            this.size = size;
            this.align = align;
        }
    }

    /**
     * One field.
     *
     * @param name   the (flattened) name, e.g. {@code hdCall} or {@code LineCallParams.ulTotalSize}
     * @param kind   the kind
     * @param offset byte offset from the structure's start
     * @param size   bytes (a nested structure's sizeof; 1 for a tail)
     */
    public record Field(String name, Kind kind, int offset, int size) {
    }

    private final String name;
    private final Map<String, Field> fields;
    private final int size;
    private final int align;
    private final int tailOffset;
    private final int endOfFixed;

    private StructLayout(String name, Map<String, Field> fields, int size, int align, int tailOffset, int endOfFixed) {
        this.name = name;
        this.fields = Collections.unmodifiableMap(fields);
        this.size = size;
        this.align = align;
        this.tailOffset = tailOffset;
        this.endOfFixed = endOfFixed;
    }

    /** @return a builder for the structure called {@code name} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the C name, e.g. {@code NDIS_TAPI_OPEN} */
    public String name() {
        return name;
    }

    /** @return sizeof: the C size including trailing padding (and the one byte of a tail) */
    public int size() {
        return size;
    }

    /** @return the alignment of the structure (its widest member) */
    public int align() {
        return align;
    }

    /** @return the offset of the tail, or -1 when the structure has none */
    public int tailOffset() {
        return tailOffset;
    }

    /** @return the first byte after the last fixed field (the tail's offset when there is one) */
    public int endOfFixed() {
        return endOfFixed;
    }

    /**
     * @param field a field name
     * @return its offset
     * @throws IllegalArgumentException for a name this layout does not have
     */
    public int offset(String field) {
        return field(field).offset();
    }

    /**
     * @param field a field name
     * @return the field
     * @throws IllegalArgumentException for a name this layout does not have
     */
    public Field field(String field) {
        Field f = fields.get(field);
        if (f == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        return f;
    }

    /** @return true when the layout has {@code field} */
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** @return every field in offset order (nested structures followed by their flattened fields) */
    public List<Field> fields() {
        return new ArrayList<>(fields.values());
    }

    /** @return a field ruler, one line per top-level field: {@code  +8  PTR  htLine} */
    public String ruler() {
        StringBuilder b = new StringBuilder(name).append(" (sizeof ").append(size).append(")\n");
        for (Field f : fields.values()) {
            if (!f.name().contains(".")) {
                b.append(String.format("%4d  %-6s %s%n", f.offset(), f.kind(), f.name()));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name + "[" + size + "]";
    }

    /** Builds a layout field by field, computing offsets by natural alignment. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private int offset;
        private int align = 1;
        private int tailOffset = -1;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a ULONG. */
        public Builder u32(String field) {
            return add(field, Kind.U32, Kind.U32.size, Kind.U32.align);
        }

        /** Adds a ULONG_PTR or TAPI/driver handle (8 bytes). */
        public Builder ptr(String field) {
            return add(field, Kind.PTR, Kind.PTR.size, Kind.PTR.align);
        }

        /** Adds a BOOLEAN (1 byte). */
        public Builder bool(String field) {
            return add(field, Kind.U8, 1, 1);
        }

        /** Adds several ULONGs. */
        public Builder u32s(String... names) {
            for (String n : names) {
                u32(n);
            }
            return this;
        }

        /** Adds a nested structure, flattening its fields as {@code field.inner}. */
        public Builder struct(String field, StructLayout nested) {
            int at = alignUp(offset, nested.align);
            add(field, Kind.STRUCT, nested.size, nested.align);
            for (Field f : nested.fields.values()) {
                String n = field + "." + f.name();
                fields.put(n, new Field(n, f.kind(), at + f.offset(), f.size()));
            }
            return this;
        }

        /** Adds the trailing {@code UCHAR x[1]}; nothing may follow it. */
        public Builder tail(String field) {
            add(field, Kind.TAIL, 1, 1);
            tailOffset = fields.get(field).offset();
            return this;
        }

        private Builder add(String field, Kind kind, int size, int fieldAlign) {
            if (tailOffset >= 0) {
                throw new IllegalStateException(name + ": nothing may follow the tail");
            }
            if (fields.containsKey(field)) {
                throw new IllegalArgumentException(name + ": duplicate field " + field);
            }
            offset = alignUp(offset, fieldAlign);
            fields.put(field, new Field(field, kind, offset, size));
            offset += size;
            align = Math.max(align, fieldAlign);
            return this;
        }

        /** @return the layout */
        public StructLayout build() {
            int end = tailOffset >= 0 ? tailOffset : offset;
            return new StructLayout(name, new LinkedHashMap<>(fields), alignUp(offset, align), align, tailOffset,
                    end);
        }

        private static int alignUp(int v, int a) {
            return (v + a - 1) / a * a;
        }
    }
}
