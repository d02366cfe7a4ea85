package org.dangjian.graph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication at API speed, and guessing made slow.
 *
 * <ul>
 *   <li>{@link #caching}: a password that bcrypt has verified against a user's hash is remembered for a
 *       short while ({@code party-graph.security.login.verified-ttl}, 5 minutes), keyed by an HMAC of
 *       password and hash under a key made at start and kept only in memory, so that a client sending
 *       Basic credentials with each request pays bcrypt once, not on every request. Only successes are
 *       remembered; a wrong password always meets bcrypt. Sessions were the other way, but the API is
 *       stateless by design (no cookie, so no CSRF), and a cache keeps it so.
 *   <li>{@link #caching(JwtDecoder)}: a token the issuer's key has verified is remembered the same way
 *       (keyed by an HMAC of the token, never the token itself) until it expires or {@code
 *       verified-ttl} has passed, whichever comes first, so that a client sending the same token with
 *       each request pays the signature check and the parsing once. Only tokens the decoder accepted
 *       are remembered; a forged, expired or malformed one meets the decoder every time.
 *   <li>{@link #throttle}: after {@code max-failures-per-user} failed logins of one user name, or
 *       {@code max-failures-per-address} from one address, within {@code window}, further attempts
 *       from them are answered 429 with {@code Retry-After} until the window has passed, before any
 *       password is checked.
 * </ul>
 */
public final class LoginProtection {

    private final Cache<String, Boolean> verified;
    private final Cache<String, Jwt> tokens;
    private final Clock clock;
    private final Cache<String, AtomicInteger> failuresByUser;
    private final Cache<String, AtomicInteger> failuresByAddress;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final byte[] key = new byte[32];
    private volatile boolean remembering = true;

    LoginProtection(SecuritySettings.Login settings) {
        this(settings, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** With a ticker and a clock of the test's (the caches' time, and the time tokens expire by). */
    LoginProtection(SecuritySettings.Login settings, Ticker ticker, Clock clock) {
        new SecureRandom().nextBytes(key);
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(settings.verifiedTtl())
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
        Duration ttl = settings.verifiedTtl();
        this.tokens = Caffeine.newBuilder()
                .expireAfter(Expiry.creating((String entry, Jwt jwt) -> lifetime(jwt, ttl)))
                .maximumSize(10_000)
                .ticker(ticker)
                .build();
        this.window = settings.window();
        this.failuresByUser = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
        this.failuresByAddress = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
        this.maxPerUser = settings.maxFailuresPerUser();
        this.maxPerAddress = settings.maxFailuresPerAddress();
    }

    /** Switches remembering verified passwords on or off (the benchmark compares both in one run). */
    public void remembering(boolean on) {
        this.remembering = on;
        if (!on) {
            verified.invalidateAll();
            tokens.invalidateAll();
        }
    }

    /**
     * A token decoder that remembers the tokens its delegate has verified (signature, expiry and its
     * other checks) until they expire, at most {@code verified-ttl}. A remembered token is answered
     * with the same {@link Jwt} the delegate gave, while the clock is before its expiry; anything else
     * goes to the delegate, whose refusal is never remembered.
     */
    JwtDecoder caching(JwtDecoder delegate) {
        return token -> {
            if (token == null) {
                return delegate.decode(null);
            }
            String entry = remembering ? mac("jwt\u0000" + token) : null;
            if (entry != null) {
                Jwt known = tokens.getIfPresent(entry);
                if (known != null && unexpired(known)) {
                    return known;
                }
            }
            Jwt jwt = delegate.decode(token);
            if (entry != null && unexpired(jwt)) {
                tokens.put(entry, jwt);
            }
            return jwt;
        };
    }

    /** A password encoder that remembers verified (password, hash) pairs for a while. */
    PasswordEncoder caching(PasswordEncoder delegate) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegate.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (raw == null || encoded == null) {
                    return false;
                }
                String entry = mac(raw + "\u0000" + encoded);
                if (remembering && verified.getIfPresent(entry) != null) {
                    return true;
                }
                boolean ok = delegate.matches(raw, encoded);
                if (ok) {
                    verified.put(entry, Boolean.TRUE);
                }
                return ok;
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return delegate.upgradeEncoding(encoded);
            }
        };
    }

    private boolean unexpired(Jwt jwt) {
        return jwt.getExpiresAt() == null || clock.instant().isBefore(jwt.getExpiresAt());
    }

    /** How long a verified token is remembered: until it expires, at most {@code ttl}. */
    private Duration lifetime(Jwt jwt, Duration ttl) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return ttl;
        }
        Duration left = Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left.compareTo(ttl) < 0 ? left : ttl;
    }

    /** The filter that refuses throttled callers and counts failed logins. */
    OncePerRequestFilter throttle() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                if (header == null) {
                    chain.doFilter(request, response);
                    return;
                }
                String user = basicUser(header);
                String address = request.getRemoteAddr();
                if (over(failuresByAddress, address, maxPerAddress)
                        || (user != null && over(failuresByUser, user, maxPerUser))) {
                    response.setStatus(429);
                    response.setHeader("Retry-After", Long.toString(window.toSeconds()));
                    response.setContentType("application/json");
                    response.getOutputStream()
                            .write(("{\"errors\":[{\"message\":\"Too many failed logins; try again in "
                                            + window.toSeconds() + " s\",\"extensions\":{\"code\":\"THROTTLED\"}}]}")
                                    .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
                if (response.getStatus() == 401) {
                    count(failuresByAddress, address);
                    if (user != null) {
                        count(failuresByUser, user);
                    }
                }
            }
        };
    }

    private static boolean over(Cache<String, AtomicInteger> failures, String key, int max) {
        var count = failures.getIfPresent(key);
        return count != null && count.get() >= max;
    }

    private static void count(Cache<String, AtomicInteger> failures, String key) {
        failures.get(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The user name of a Basic header, or null (a token, or not readable). */
    static String basicUser(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String mac(String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
