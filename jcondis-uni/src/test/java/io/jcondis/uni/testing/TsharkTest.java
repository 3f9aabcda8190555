package io.jcondis.uni.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Tshark#expertProblems}: how the wire conformance tests judge tshark's expert info (no tshark needed). */
class TsharkTest {
    private static final Set<String> KNOWN = Set.of("Unknown AAL parameter");

    @Test
    @DisplayName("expert info: no field, warnings known and below PI_ERROR are fine")
    void shouldAcceptNothingAndKnownWarnings() {
        assertThat(Tshark.expertProblems("", "", ";", KNOWN)).isEmpty();
        assertThat(Tshark.expertProblems("0x00600000", "Unknown AAL parameter", ";", KNOWN)).isEmpty();
    }

    @Test
    @DisplayName("expert info: the UDP traceroute note (an ephemeral port in 33434-33534) is no problem; an error "
            + "beside it still is")
    void shouldIgnoreTheTracerouteNoteOnly() {
        assertThat(Tshark.expertProblems("0x00200000", "Possible traceroute: hop #2, attempt #3", ";", KNOWN))
                .isEmpty();
        assertThat(Tshark.expertProblems("0x00200000;0x00800000", "Possible traceroute: hop #4, attempt #1;"
                + "Malformed Packet", ";", KNOWN)).containsExactly("severity 0x00800000",
                "expert info 'Malformed Packet'");
    }

    @Test
    @DisplayName("expert info: an error severity or an unknown message is reported, per occurrence")
    void shouldReportErrorsAndUnknownMessages() {
        assertThat(Tshark.expertProblems("0x00600000;0x00800000", "Unknown AAL parameter;Malformed Packet", ";",
                KNOWN)).containsExactly("severity 0x00800000", "expert info 'Malformed Packet'");
        assertThat(Tshark.expertProblems("0x01000000", "", ";", KNOWN)).containsExactly("severity 0x01000000");
        // tshark's default aggregator would split "Possible traceroute: hop #3, attempt #2" in two (a CI flake).
        assertThatThrownBy(() -> Tshark.expertProblems("0x00200000", "Possible traceroute: hop #3, attempt #2", ",",
                KNOWN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregator=;");
    }
}
