package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;

/**
 * User-user information (Q.2957 clause 4.2 / Q.2931 Table 4-3, identifier {@code 0x7E}): information passed
 * between the two users of a call that the network carries transparently.
 *
 * <pre>
 *  octet 1     identifier 0x7E
 *  octet 2     compatibility instruction
 *  octets 3-4  length of the contents
 *  octet 5     protocol discriminator (Q.2957 Table 2: 0x00 user-specific, 0x04 IA5 characters, ...)
 *  octets 6..  user information
 * </pre>
 *
 * @param protocolDiscriminator the protocol discriminator, 0..255 ({@link #USER_SPECIFIC} = 0)
 * @param information           the user information octets (octets 6 onwards)
 * @param instruction           the compatibility instruction
 */
public record UserUserInformation(int protocolDiscriminator, Octets information, IeInstruction instruction)
        implements InformationElement {
    /** Protocol discriminator "user-specific protocol" (Q.2957 Table 2). */
    public static final int USER_SPECIFIC = 0x00;
    /**
     * Longest user information (after the discriminator) jcondis puts in one element: 128 octets, the uni driver's
     * close-data limit (R26, as the embedded switch; docs/uni.md "Close data"). {@code UniLink} refuses a longer
     * element in RELEASE and DROP PARTY; the codec itself encodes and decodes up to 65534 octets.
     */
    public static final int MAX_INFORMATION_OCTETS = 128;

    /** @throws IllegalArgumentException if the discriminator is outside 0..255 or the information is too long */
    public UserUserInformation {
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(instruction, "instruction");
        if (protocolDiscriminator < 0 || protocolDiscriminator > 0xFF) {
            throw new IllegalArgumentException("protocol discriminator out of range: " + protocolDiscriminator);
        }
        if (information.length() > 0xFFFE) {
            throw new IllegalArgumentException("user information too long: " + information.length());
        }
    }

    /**
     * @param protocolDiscriminator the protocol discriminator
     * @param information           the user information
     */
    public UserUserInformation(int protocolDiscriminator, Octets information) {
        this(protocolDiscriminator, information, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.USER_USER_INFORMATION;
    }
}
