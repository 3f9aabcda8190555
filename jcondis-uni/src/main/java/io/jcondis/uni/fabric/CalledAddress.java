package io.jcondis.uni.fabric;

import io.jcondis.uni.q2931.CalledPartyNumber;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the fabric reads the called host out of a called party number: the default plan of the uni driver. The
 * address octets are read as text (IA5; trailing zero octets of a padded AESA are ignored) and the host is the part
 * before the first {@code ':'} (SAP text {@code host:selector}), or the whole text (an E.164 number names a host by
 * its digits). A number whose octets are not printable text names no host: the call has no route (cause 3).
 */
public final class CalledAddress {
    /** The default plan as a function, for {@link FabricConfig#hostOf()}. */
    public static final Function<CalledPartyNumber, Optional<String>> DEFAULT = CalledAddress::hostOf;

    private CalledAddress() {
    }

    /**
     * @param number a called party number
     * @return the host it names, if any
     */
    public static Optional<String> hostOf(CalledPartyNumber number) {
        byte[] octets = number.address().toByteArray();
        int end = octets.length;
        while (end > 0 && octets[end - 1] == 0) {
            end--;
        }
        StringBuilder text = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            int c = octets[i] & 0xFF;
            if (c < 0x21 || c > 0x7E) {
                return Optional.empty();
            }
            text.append((char) c);
        }
        int colon = text.indexOf(":");
        String host = colon < 0 ? text.toString() : text.substring(0, colon);
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }
}
