package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Verified passwords are remembered, failures never; failed logins are throttled per user and per address. */
class LoginProtectionTests {

    final LoginProtection protection =
            new LoginProtection(new SecuritySettings.Login(Duration.ofMinutes(5), 3, 5, Duration.ofMinutes(5)));

    @Test
    void aVerifiedPasswordIsCheckedOnceAWrongOneEveryTime() {
        var calls = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "hash:" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                calls.incrementAndGet();
                return encoded.equals("hash:" + raw);
            }
        };
        var caching = protection.caching(slow);
        for (int i = 0; i < 5; i++) {
            assertThat(caching.matches("secret", "hash:secret")).isTrue();
        }
        assertThat(calls).hasValue(1);
        for (int i = 0; i < 5; i++) {
            assertThat(caching.matches("guess", "hash:secret")).isFalse();
        }
        assertThat(calls).hasValue(6);
        // the same password against another hash (another user, or a changed one) is checked again
        assertThat(caching.matches("secret", "hash:other")).isFalse();
        assertThat(calls).hasValue(7);
    }

    int attempt(String user, String address, int answer) throws Exception {
        var request = new MockHttpServletRequest("POST", "/graphql");
        request.setRemoteAddr(address);
        request.addHeader(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                ((MockHttpServletResponse) res).setStatus(answer);
            }
        };
        protection.throttle().doFilter(request, response, chain);
        return response.getStatus();
    }

    @Test
    void failedLoginsOfOneUserAreThrottled() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("zhang", "10.0.0." + i, 401)).isEqualTo(401);
        }
        // from a fourth address, with the right password even: the user waits out the window
        assertThat(attempt("zhang", "10.0.0.9", 200)).isEqualTo(429);
        assertThat(attempt("li", "10.0.0.9", 200)).isEqualTo(200);
    }

    @Test
    void failedLoginsFromOneAddressAreThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("user" + i, "10.0.1.1", 401)).isEqualTo(401);
        }
        assertThat(attempt("someone-else", "10.0.1.1", 200)).isEqualTo(429);
        assertThat(attempt("someone-else", "10.0.1.2", 200)).isEqualTo(200);
    }
}
