package io.jcondis.uni.q2931;

import java.util.Objects;

/**
 * Connection identifier (Q.2931 4.5.16, identifier {@code 0x5A}): the VPCI/VCI of the user-plane connection.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-------+-------+-----------+
 * | 1 | spare | VP-as.| pref/excl |  octet 5
 * +---+-------+-------+-----------+
 * |     VPCI (16 bits)            |  octets 6-7
 * +-------------------------------+
 * |     VCI (16 bits)             |  octets 8-9
 * +-------------------------------+
 * </pre>
 *
 * @param vpAssociatedSignalling 2 bits: 0 VP-associated signalling, 1 explicit indication of VPCI
 * @param preferredExclusive     3 bits: 0 exclusive VPCI and VCI, 1 exclusive VPCI any VCI
 * @param vpci                   virtual path connection identifier, 0..65535
 * @param vci                    virtual channel identifier, 0..65535
 * @param instruction            the compatibility instruction
 */
public record ConnectionIdentifier(int vpAssociatedSignalling, int preferredExclusive, int vpci, int vci,
                                   IeInstruction instruction) implements InformationElement {
    /** VP-associated signalling field: explicit indication of VPCI. */
    public static final int EXPLICIT_VPCI = 1;
    /** Preferred/exclusive field: exclusive VPCI, exclusive VCI. */
    public static final int EXCLUSIVE_VPCI_EXCLUSIVE_VCI = 0;
    /** Preferred/exclusive field: exclusive VPCI, any VCI. */
    public static final int EXCLUSIVE_VPCI_ANY_VCI = 1;

    /** @throws IllegalArgumentException if a value does not fit its field */
    public ConnectionIdentifier {
        Objects.requireNonNull(instruction, "instruction");
        if (vpAssociatedSignalling < 0 || vpAssociatedSignalling > 3) {
            throw new IllegalArgumentException("VP-associated signalling out of range: " + vpAssociatedSignalling);
        }
        if (preferredExclusive < 0 || preferredExclusive > 7) {
            throw new IllegalArgumentException("preferred/exclusive out of range: " + preferredExclusive);
        }
        if (vpci < 0 || vpci > 0xFFFF || vci < 0 || vci > 0xFFFF) {
            throw new IllegalArgumentException("VPCI/VCI out of range: " + vpci + "/" + vci);
        }
    }

    /**
     * @param vpci VPCI
     * @param vci  VCI
     * @return an explicit, exclusive VPCI/VCI assignment
     */
    public static ConnectionIdentifier exclusive(int vpci, int vci) {
        return new ConnectionIdentifier(EXPLICIT_VPCI, EXCLUSIVE_VPCI_EXCLUSIVE_VCI, vpci, vci,
                IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.CONNECTION_IDENTIFIER;
    }
}
