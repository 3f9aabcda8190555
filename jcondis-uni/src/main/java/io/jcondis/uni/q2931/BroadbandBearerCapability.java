package io.jcondis.uni.q2931;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Broadband bearer capability (Q.2931 4.5.7, identifier {@code 0x5E}).
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-------+-------------------+
 * |ext| spare |   bearer class    |  octet 5   (ext = 0 if octet 5a follows)
 * +---+-------+-------------------+
 * | 1 |  ATM transfer capability  |  octet 5a  (optional)
 * +---+-------+-----------+-------+
 * | 1 | clip. |  spare    | UPCC  |  octet 6: susceptibility to clipping, user-plane connection configuration
 * +---+-------+-----------+-------+
 * </pre>
 *
 * @param bearerClass            5-bit bearer class ({@link #BCOB_A}, {@link #BCOB_C}, {@link #BCOB_X},
 *                               {@link #TRANSPARENT_VP})
 * @param transferCapability     7-bit ATM transfer capability of octet 5a, if present
 * @param clipping               2-bit susceptibility to clipping (0 not susceptible, 1 susceptible)
 * @param userPlaneConfiguration 2-bit user-plane connection configuration ({@link #POINT_TO_POINT},
 *                               {@link #POINT_TO_MULTIPOINT})
 * @param instruction            the compatibility instruction
 */
public record BroadbandBearerCapability(int bearerClass, OptionalInt transferCapability, int clipping,
                                        int userPlaneConfiguration, IeInstruction instruction)
        implements InformationElement {
    /** Bearer class BCOB-A. */
    public static final int BCOB_A = 0x01;
    /** Bearer class BCOB-C. */
    public static final int BCOB_C = 0x03;
    /** Bearer class BCOB-X. */
    public static final int BCOB_X = 0x10;
    /** Bearer class: transparent VP service. */
    public static final int TRANSPARENT_VP = 0x18;
    /** User-plane connection configuration: point-to-point. */
    public static final int POINT_TO_POINT = 0;
    /** User-plane connection configuration: point-to-multipoint. */
    public static final int POINT_TO_MULTIPOINT = 1;

    /** @throws IllegalArgumentException if a value does not fit its field */
    public BroadbandBearerCapability {
        Objects.requireNonNull(transferCapability, "transferCapability");
        Objects.requireNonNull(instruction, "instruction");
        if (bearerClass < 0 || bearerClass > 0x1F) {
            throw new IllegalArgumentException("bearer class out of range: " + bearerClass);
        }
        if (transferCapability.isPresent()
                && (transferCapability.getAsInt() < 0 || transferCapability.getAsInt() > 0x7F)) {
            throw new IllegalArgumentException("transfer capability out of range");
        }
        if (clipping < 0 || clipping > 3) {
            throw new IllegalArgumentException("clipping out of range: " + clipping);
        }
        if (userPlaneConfiguration < 0 || userPlaneConfiguration > 3) {
            throw new IllegalArgumentException("user-plane configuration out of range: " + userPlaneConfiguration);
        }
    }

    /**
     * @param bearerClass      bearer class
     * @param pointToMultipoint {@code true} for a point-to-multipoint connection
     * @return a capability without octet 5a, not susceptible to clipping
     */
    public static BroadbandBearerCapability of(int bearerClass, boolean pointToMultipoint) {
        return new BroadbandBearerCapability(bearerClass, OptionalInt.empty(), 0,
                pointToMultipoint ? POINT_TO_MULTIPOINT : POINT_TO_POINT, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.BROADBAND_BEARER_CAPABILITY;
    }
}
