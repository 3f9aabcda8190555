package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;

/**
 * A known information element whose contents could not be decoded (Q.2931 clause 5.6: "information element content
 * error"). The decoder produces it instead of failing the whole message, because the procedure for a content
 * error depends on whether the element is mandatory and on its compatibility instruction, which is call
 * control's decision. Re-encoding reproduces the received contents.
 *
 * @param identifier  the identifier octet, 0..255
 * @param contents    the contents octets as received
 * @param reason      what is wrong with them
 * @param instruction the compatibility instruction
 */
public record InvalidIe(int identifier, Octets contents, String reason, IeInstruction instruction)
        implements InformationElement {

    /** @throws IllegalArgumentException if the identifier is outside 0..255 or contents exceed 65535 octets */
    public InvalidIe {
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(instruction, "instruction");
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("identifier out of range: " + identifier);
        }
        if (contents.length() > 0xFFFF) {
            throw new IllegalArgumentException("contents too long: " + contents.length());
        }
    }
}
