package io.jcondis.tck;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.jcondis.tck.EventRecorder.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keeps the kit honest: every CoNDIS rule R1..R37 and operation A1..I2 is named by at least one test. */
class CoverageIndexTest {
    private static final Class<?>[] RULE_TESTS = {AddressFamilyRulesTest.class, SapRulesTest.class,
        VcRulesTest.class, CallRulesTest.class, PartyRulesTest.class, DataOidStatusRulesTest.class,
        RuntimeRobustnessTest.class};

    private static final String[] OPERATIONS = {"A1", "A2", "A3", "A4", "A5", "B1", "B2", "C1", "C2", "D1", "D2",
        "D3", "D4", "D5", "D6", "D7", "D8", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "F1", "F2",
        "G1", "G2", "G3", "G4", "H1", "I1", "I2"};

    @Test
    @DisplayName("Every rule R1..R37 and operation A1..I2 appears in some test's @DisplayName")
    void shouldNameEveryRuleAndOperation() {
        List<String> names = new ArrayList<>();
        for (Class<?> c : RULE_TESTS) {
            for (Method m : c.getDeclaredMethods()) {
                DisplayName d = m.getAnnotation(DisplayName.class);
                if (d != null && m.getAnnotation(Test.class) != null) {
                    names.add(d.value());
                }
            }
        }
        List<String> ids = new ArrayList<>(List.of(OPERATIONS));
        for (int i = 1; i <= 37; i++) {
            ids.add("R" + i);
        }
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Pattern p = Pattern.compile("(?<![A-Z0-9])" + id + "(?![0-9])");
            if (names.stream().noneMatch(n -> p.matcher(n).find())) {
                missing.add(id);
            }
        }
        assertThat(missing).as("ids without a test").isEmpty();
    }

    @Test
    @DisplayName("The recorder formats arguments uniformly and the scripts reject unknown handler names")
    void shouldFormatEventsAndValidateScripts() {
        assertThat(format("client a", "onMakeCallComplete", io.jcondis.api.Status.SUCCESS,
                new io.jcondis.api.VcHandle(7), null)).isEqualTo("client a: onMakeCallComplete(SUCCESS, vc#7, null)");
        assertThat(format("x", "y", new byte[3], CondisTestHarness.params())).isEqualTo("x: y([3 bytes], params)");
        EventRecorder r = new EventRecorder();
        RecordingClient c = new RecordingClient("a", r);
        assertThatThrownBy(() -> c.answer("onIncommingCall", io.jcondis.api.Status.PENDING))
                .isInstanceOf(IllegalArgumentException.class);
        r.record("client a", "onCallConnected", new io.jcondis.api.VcHandle(1));
        assertThat(r.count("client a", "onCallConnected")).isEqualTo(1);
        r.assertNext("client a: onCallConnected(vc#1)");
        r.assertNothing();
    }
}
