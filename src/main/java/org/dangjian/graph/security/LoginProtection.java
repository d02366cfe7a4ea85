package org.dangjian.graph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
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
 *   <li>{@link #throttle}: after {@code max-failures-per-user} failed logins of one user name, or
 *       {@code max-failures-per-address} from one address, within {@code window}, further attempts
 *       from them are answered 429 with {@code Retry-After} until the window has passed, before any
 *       password is checked.
 * </ul>
 */
public final class LoginProtection {

    private final Cache<String, Boolean> verified;
    private final Cache<String, AtomicInteger> failuresByUser;
    private final Cache<String, AtomicInteger> failuresByAddress;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final byte[] key = new byte[32];
    private volatile boolean remembering = true;

    LoginProtection(SecuritySettings.Login settings) {
        new SecureRandom().nextBytes(key);
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(settings.verifiedTtl())
                .maximumSize(10_000)
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
        }
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
