package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;

/**
 * Type-of-number and numbering-plan code points of the called and calling party number elements (Q.2931 4.5.11
 * and 4.5.13), and the address checks shared by both.
 */
public final class Numbering {
    /** Type of number: unknown. */
    public static final int TYPE_UNKNOWN = 0;
    /** Type of number: international number. */
    public static final int TYPE_INTERNATIONAL = 1;
    /** Type of number: national number. */
    public static final int TYPE_NATIONAL = 2;
    /** Type of number: network specific number. */
    public static final int TYPE_NETWORK_SPECIFIC = 3;
    /** Type of number: subscriber number. */
    public static final int TYPE_SUBSCRIBER = 4;
    /** Type of number: abbreviated number. */
    public static final int TYPE_ABBREVIATED = 6;

    /** Numbering plan: unknown. */
    public static final int PLAN_UNKNOWN = 0;
    /** Numbering plan: ISDN/telephony numbering plan (E.164); the address is IA5 digits. */
    public static final int PLAN_E164 = 1;
    /** Numbering plan: ATM End System Address (ISO NSAP format); the address is 20 octets. */
    public static final int PLAN_AESA = 2;
    /** Numbering plan: private numbering plan. */
    public static final int PLAN_PRIVATE = 9;

    /** Length of an ATM End System Address in octets. */
    public static final int AESA_LENGTH = 20;

    private Numbering() {
    }

    /**
     * @param typeOfNumber  3-bit type of number
     * @param numberingPlan 4-bit numbering plan
     * @param address       address octets
     * @return {@code null} if the triple is acceptable, otherwise what is wrong
     */
    static String check(int typeOfNumber, int numberingPlan, Octets address) {
        if (typeOfNumber < 0 || typeOfNumber > 7) {
            return "type of number out of range: " + typeOfNumber;
        }
        if (numberingPlan < 0 || numberingPlan > 15) {
            return "numbering plan out of range: " + numberingPlan;
        }
        if (numberingPlan == PLAN_E164) {
            for (int i = 0; i < address.length(); i++) {
                int c = address.get(i);
                if (c < '0' || c > '9') {
                    return "E.164 address octet " + i + " is not an IA5 digit: 0x" + Integer.toHexString(c);
                }
            }
        } else if (numberingPlan == PLAN_AESA && address.length() != AESA_LENGTH) {
            return "ATM End System Address must be " + AESA_LENGTH + " octets, not " + address.length();
        }
        return null;
    }

    static void require(int typeOfNumber, int numberingPlan, Octets address) {
        String problem = check(typeOfNumber, numberingPlan, address);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
