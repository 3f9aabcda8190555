package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;

/**
 * An information element this codec does not interpret: an unknown identifier, or a known identifier coded to a
 * standard other than ITU-T. The contents are kept verbatim; re-encoding reproduces them.
 *
 * <p>On decode, an unrecognized element whose instruction says "discard information element and proceed"
 * ({@link IeInstruction#discardSilentlyIfUnrecognized()}) is dropped, as Q.2931 clause 5.6 asks; every other one is
 * kept so call control can clear the call, report status or discard the message as instructed.
 *
 * @param identifier  the identifier octet, 0..255
 * @param contents    the contents octets
 * @param instruction the compatibility instruction
 */
public record UnrecognizedIe(int identifier, Octets contents, IeInstruction instruction)
        implements InformationElement {

    /** @throws IllegalArgumentException if the identifier is outside 0..255 or contents exceed 65535 octets */
    public UnrecognizedIe {
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(instruction, "instruction");
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("identifier out of range: " + identifier);
        }
        if (contents.length() > 0xFFFF) {
            throw new IllegalArgumentException("contents too long: " + contents.length());
        }
    }
}
