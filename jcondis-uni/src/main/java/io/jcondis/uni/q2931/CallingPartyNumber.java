package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;
import java.util.Optional;

/**
 * Calling party number (Q.2931 4.5.13, identifier {@code 0x6C}). Unlike the called party number it may carry
 * octet 5a (presentation and screening indicators); octet 5a is present exactly when {@link #screening()} is.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-----------+---------------+
 * |ext| type of   | addressing /  |  octet 5   (ext = 0 if octet 5a follows)
 * |   | number    | numbering plan|
 * +---+-------+---+-------+-------+
 * | 1 | pres. | spare     | scrn. |  octet 5a  (optional)
 * +---+-------+-----------+-------+
 * |  address / number digits ...  |  octets 6..
 * +-------------------------------+
 * </pre>
 *
 * @param typeOfNumber  3-bit type of number, see {@link Numbering}
 * @param numberingPlan 4-bit numbering plan, see {@link Numbering}
 * @param screening     the presentation and screening indicators of octet 5a, if present
 * @param address       the address octets
 * @param instruction   the compatibility instruction
 */
public record CallingPartyNumber(int typeOfNumber, int numberingPlan, Optional<Screening> screening,
                                 Octets address, IeInstruction instruction) implements InformationElement {

    /**
     * Octet 5a of the calling party number.
     *
     * @param presentationIndicator 2 bits: 0 presentation allowed, 1 restricted, 2 number not available
     * @param screeningIndicator    2 bits: 0 user-provided not screened, 1 user-provided verified and passed,
     *                              2 user-provided verified and failed, 3 network provided
     */
    public record Screening(int presentationIndicator, int screeningIndicator) {
        /** @throws IllegalArgumentException if an indicator is outside 0..3 */
        public Screening {
            if (presentationIndicator < 0 || presentationIndicator > 3) {
                throw new IllegalArgumentException("presentation indicator out of range: " + presentationIndicator);
            }
            if (screeningIndicator < 0 || screeningIndicator > 3) {
                throw new IllegalArgumentException("screening indicator out of range: " + screeningIndicator);
            }
        }
    }

    /** @throws IllegalArgumentException if a field is out of range or the address does not fit the plan */
    public CallingPartyNumber {
        Objects.requireNonNull(screening, "screening");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(instruction, "instruction");
        Numbering.require(typeOfNumber, numberingPlan, address);
    }

    /**
     * @param typeOfNumber  type of number
     * @param numberingPlan numbering plan
     * @param address       address octets
     */
    public CallingPartyNumber(int typeOfNumber, int numberingPlan, Octets address) {
        this(typeOfNumber, numberingPlan, Optional.empty(), address, IeInstruction.DEFAULT);
    }

    /**
     * @param digits E.164 digits
     * @return an international E.164 calling party number without octet 5a
     */
    public static CallingPartyNumber e164(String digits) {
        return new CallingPartyNumber(Numbering.TYPE_INTERNATIONAL, Numbering.PLAN_E164, Octets.ascii(digits));
    }

    /**
     * @param aesa the 20-octet ATM End System Address
     * @return a calling party number in the AESA (NSAP) format without octet 5a
     */
    public static CallingPartyNumber aesa(Octets aesa) {
        return new CallingPartyNumber(Numbering.TYPE_UNKNOWN, Numbering.PLAN_AESA, aesa);
    }

    @Override
    public int identifier() {
        return IeIdentifier.CALLING_PARTY_NUMBER;
    }

    /** @return the digits if this is an E.164 number */
    public Optional<String> e164Digits() {
        return numberingPlan == Numbering.PLAN_E164 ? Optional.of(address.toAscii()) : Optional.empty();
    }
}
