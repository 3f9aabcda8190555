package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;
import java.util.Optional;

/**
 * Called party number (Q.2931 4.5.11, identifier {@code 0x70}).
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-----------+---------------+
 * | 1 | type of   | addressing /  |  octet 5
 * |ext| number    | numbering plan|
 * +---+-----------+---------------+
 * |  address / number digits ...  |  octets 6..  (IA5 digits for E.164, 20 octets for an AESA)
 * +-------------------------------+
 * </pre>
 *
 * @param typeOfNumber  3-bit type of number, see {@link Numbering}
 * @param numberingPlan 4-bit numbering plan, see {@link Numbering}
 * @param address       the address octets (IA5 digits for {@link Numbering#PLAN_E164}, 20 octets for
 *                      {@link Numbering#PLAN_AESA}, opaque otherwise)
 * @param instruction   the compatibility instruction
 */
public record CalledPartyNumber(int typeOfNumber, int numberingPlan, Octets address, IeInstruction instruction)
        implements InformationElement {

    /** @throws IllegalArgumentException if a field is out of range or the address does not fit the plan */
    public CalledPartyNumber {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(instruction, "instruction");
        Numbering.require(typeOfNumber, numberingPlan, address);
    }

    /**
     * @param typeOfNumber  type of number
     * @param numberingPlan numbering plan
     * @param address       address octets
     */
    public CalledPartyNumber(int typeOfNumber, int numberingPlan, Octets address) {
        this(typeOfNumber, numberingPlan, address, IeInstruction.DEFAULT);
    }

    /**
     * @param digits E.164 digits, e.g. {@code "4961511234"}
     * @return an international E.164 called party number
     */
    public static CalledPartyNumber e164(String digits) {
        return new CalledPartyNumber(Numbering.TYPE_INTERNATIONAL, Numbering.PLAN_E164, Octets.ascii(digits));
    }

    /**
     * @param aesa the 20-octet ATM End System Address
     * @return a called party number in the AESA (NSAP) format
     */
    public static CalledPartyNumber aesa(Octets aesa) {
        return new CalledPartyNumber(Numbering.TYPE_UNKNOWN, Numbering.PLAN_AESA, aesa);
    }

    @Override
    public int identifier() {
        return IeIdentifier.CALLED_PARTY_NUMBER;
    }

    /** @return the digits if this is an E.164 number */
    public Optional<String> e164Digits() {
        return numberingPlan == Numbering.PLAN_E164 ? Optional.of(address.toAscii()) : Optional.empty();
    }
}
