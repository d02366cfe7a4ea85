package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

/** The firewall's header checks accept exactly what Spring Security's own expressions accept. */
class HeaderFirewallTests {

    // Spring Security's StrictHttpFirewall defaults, as written there
    static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    /** As a header's name and as its value, the string is judged as the library's expressions judge it. */
    static void judgedAlike(String s, String shown) {
        assertThat(HeaderFirewall.allowedName(s))
                .as("name %s", shown)
                .isEqualTo(NAMES.matcher(s).matches());
        assertThat(HeaderFirewall.allowedValue(s))
                .as("value %s", shown)
                .isEqualTo(VALUES.matcher(s).matches());
    }

    @Test
    void everyCodePointIsJudgedAsTheExpressionsJudgeIt() {
        int rejectedNames = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            String inside = "Bearer a" + one + "b";
            judgedAlike(one, "U+%04X".formatted(cp));
            assertThat(HeaderFirewall.allowedValue(inside))
                    .as("value with U+%04X inside", cp)
                    .isEqualTo(VALUES.matcher(inside).matches());
            if (!HeaderFirewall.allowedName(one)) {
                rejectedNames++;
            }
        }
        // the judgement is not trivial either way: controls and unassigned code points are refused
        assertThat(rejectedNames).isGreaterThan(800_000);
    }

    @Test
    void surrogatesEmptyAndNullAreJudgedAsTheExpressionsJudgeThem() {
        List<String> cases = new ArrayList<>(List.of(
                "",
                "\uD83D\uDE00", // a pair: an assigned supplementary character
                "\uD83D", // a lone high surrogate
                "\uDE00x", // a lone low surrogate
                "x\uD83D",
                "a\tb",
                "a\u0000b",
                "a\u007fb",
                "a\u0085b",
                "党组织 Basic dmlld2VyOnZpZXdlci1kZW1v"));
        cases.forEach(s -> judgedAlike(s, s));
        assertThat(HeaderFirewall.allowedValue(null)).isTrue();
    }

    @Test
    void aRequestWithAControlCharacterInAHeaderIsRejectedWhenTheHeaderIsRead() {
        var request = new MockHttpServletRequest("POST", "/graphql");
        request.addHeader("Authorization", "Bearer a\u0007b");
        request.addHeader("X-Fine", "值\tok");
        var firewalled = HeaderFirewall.strict().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("X-Fine")).isEqualTo("值\tok");
        assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
    }
}
