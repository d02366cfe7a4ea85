package org.dangjian.graph.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its header checks as loops over the characters
 * instead of regular expressions. The firewall checks a header's name and value each time a filter
 * reads it (the {@code Authorization} header alone several times per request); its default predicates
 * match {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (names) and {@code
 * [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (values, {@code null} allowed), 6.8 % of the request
 * threads' CPU samples for {@code { __typename }}. These accept exactly the same strings (every code
 * point is checked against both in {@code HeaderFirewallTests}); the firewall's other rules are its
 * own, unchanged.
 */
final class HeaderFirewall {

    private HeaderFirewall() {}

    static StrictHttpFirewall strict() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderFirewall::allowedName);
        firewall.setAllowedHeaderValues(HeaderFirewall::allowedValue);
        return firewall;
    }

    /** Every code point assigned and not a control character. */
    static boolean allowedName(String name) {
        return assignedNotControl(name, false);
    }

    /** {@code null}, or every code point assigned and not a control character but for tab. */
    static boolean allowedValue(String value) {
        return value == null || assignedNotControl(value, true);
    }

    private static boolean assignedNotControl(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII, all assigned, none a control
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
