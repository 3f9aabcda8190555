package io.jcondis.uni.q2931;

import java.util.Objects;

/**
 * Quality of service parameter (Q.2931 4.5.18, identifier {@code 0x5C}): octet 5 is the forward QoS class,
 * octet 6 the backward QoS class.
 *
 * @param forwardClass  forward QoS class, 0..255 ({@link #CLASS_UNSPECIFIED} = 0)
 * @param backwardClass backward QoS class, 0..255
 * @param instruction   the compatibility instruction
 */
public record QosParameter(int forwardClass, int backwardClass, IeInstruction instruction)
        implements InformationElement {
    /** QoS class 0: unspecified (best effort). */
    public static final int CLASS_UNSPECIFIED = 0;

    /** @throws IllegalArgumentException if a class is outside 0..255 */
    public QosParameter {
        Objects.requireNonNull(instruction, "instruction");
        if (forwardClass < 0 || forwardClass > 0xFF || backwardClass < 0 || backwardClass > 0xFF) {
            throw new IllegalArgumentException("QoS class out of range: " + forwardClass + "/" + backwardClass);
        }
    }

    /**
     * @param forwardClass  forward QoS class
     * @param backwardClass backward QoS class
     */
    public QosParameter(int forwardClass, int backwardClass) {
        this(forwardClass, backwardClass, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.QOS_PARAMETER;
    }
}
