package io.jcondis.node;

/**
 * Parses non-negative counts and rates with an optional decimal suffix: {@code 1500}, {@code 64k} (64,000),
 * {@code 10M}, {@code 1G}. Rates are bytes per second, as everywhere in jcondis. Stateless.
 */
public final class Rates {
    private Rates() {
    }

    /**
     * @param text the number
     * @param what what it is, for the error message
     * @return the value
     * @throws IllegalArgumentException naming {@code what} when the text is not a non-negative number
     */
    public static long parse(String text, String what) {
        String t = text == null ? "" : text.trim();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k', 'K' -> unit = 1_000L;
                case 'M' -> unit = 1_000_000L;
                case 'G' -> unit = 1_000_000_000L;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v < 0) {
                throw new IllegalArgumentException(what + ": " + t + " is negative");
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not a number (digits, optional k, M or G)",
                    e);
        }
    }
}
