package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verified passwords and tokens are remembered, failures never; failed logins are throttled per user and
 * per address.
 */
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

    /** The test's time: a clock and a cache ticker moved together. */
    static final class Time extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void pass(Duration d) {
            now.updateAndGet(t -> t.plus(d));
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A decoder that counts the tokens it is asked to decode, handing them to another. */
    static JwtDecoder counting(JwtDecoder delegate, AtomicInteger calls) {
        return token -> {
            calls.incrementAndGet();
            return delegate.decode(token);
        };
    }

    @Test
    void aVerifiedTokenIsDecodedOnceAForgedOrExpiredOneEveryTime() {
        var calls = new AtomicInteger();
        var caching = protection.caching(counting(TestTokens.decoder(), calls));
        String token = TestTokens.valid("viewer", "VIEWER");
        for (int i = 0; i < 5; i++) {
            assertThat(caching.decode(token).getClaimAsString("preferred_username"))
                    .isEqualTo("viewer");
        }
        assertThat(calls).hasValue(1);
        // the same claims signed by a key the service does not trust: refused every time, never remembered
        String forged = TestTokens.forged("viewer", "VIEWER");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> caching.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(calls).hasValue(4);
        String expired = TestTokens.expired("viewer", "VIEWER");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> caching.decode(expired)).isInstanceOf(JwtException.class);
        }
        assertThat(calls).hasValue(7);
        // the verified token with one character of its signature changed is another token
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + "A";
        assertThatThrownBy(() -> caching.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(calls).hasValue(8);
    }

    @Test
    void aRememberedTokenIsForgottenWhenItExpiresOrAfterTheVerifiedTtl() {
        var time = new Time();
        var remembering = new LoginProtection(
                new SecuritySettings.Login(Duration.ofMinutes(5), 3, 5, Duration.ofMinutes(5)), time.nanos::get, time);
        var calls = new AtomicInteger();
        // the delegate answers as a decoder would at the test's time: refused once expired
        JwtDecoder atTestTime = token -> {
            var jwt = TestTokens.decoder().decode(token);
            if (!time.instant().isBefore(jwt.getExpiresAt())) {
                throw new BadJwtException("expired at " + jwt.getExpiresAt());
            }
            return jwt;
        };
        var caching = remembering.caching(counting(atTestTime, calls));

        String soon = TestTokens.until(time.instant().plus(Duration.ofMinutes(2)), "viewer", "VIEWER");
        caching.decode(soon);
        time.pass(Duration.ofSeconds(90));
        caching.decode(soon);
        assertThat(calls).hasValue(1);
        time.pass(Duration.ofSeconds(31)); // past its expiry, within verified-ttl
        assertThatThrownBy(() -> caching.decode(soon)).isInstanceOf(JwtException.class);
        assertThat(calls).hasValue(2);

        String later = TestTokens.until(time.instant().plus(Duration.ofHours(1)), "viewer", "VIEWER");
        caching.decode(later);
        time.pass(Duration.ofMinutes(4));
        caching.decode(later);
        assertThat(calls).hasValue(3);
        time.pass(Duration.ofMinutes(2)); // past verified-ttl: verified again
        caching.decode(later);
        assertThat(calls).hasValue(4);

        remembering.remembering(false);
        caching.decode(later);
        caching.decode(later);
        assertThat(calls).hasValue(6);
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
