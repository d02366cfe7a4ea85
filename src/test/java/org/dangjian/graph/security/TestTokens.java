package org.dangjian.graph.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A single-sign-on issuer for tests: an RSA key made for this run (none is kept in the repository),
 * the service trusting its public half, and tokens signed with it, or with another key (forged).
 */
public final class TestTokens {

    private static final RSAKey ISSUER = generate("issuer");
    private static final RSAKey FORGER = generate("issuer");

    private TestTokens() {}

    /** The service's token decoder, trusting the test issuer's public key. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Issuer {
        @Bean
        JwtDecoder testIssuerDecoder() throws JOSEException {
            return NimbusJwtDecoder.withPublicKey(ISSUER.toRSAPublicKey()).build();
        }
    }

    /** A token valid for an hour with roles in Keycloak's place, {@code realm_access.roles}. */
    public static String valid(String user, String... roles) {
        return sign(ISSUER, user, List.of(roles), Instant.now().plus(Duration.ofHours(1)));
    }

    /** A valid token whose {@code jurisdictions} claim lists these ids. */
    public static String limited(String user, List<String> jurisdictions, String... roles) {
        return sign(ISSUER, user, List.of(roles), Instant.now().plus(Duration.ofHours(1)), jurisdictions);
    }

    /** A token that expired ten minutes ago. */
    public static String expired(String user, String... roles) {
        return sign(ISSUER, user, List.of(roles), Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A valid token that expires at this instant. */
    public static String until(Instant expires, String user, String... roles) {
        return sign(ISSUER, user, List.of(roles), expires);
    }

    /** A decoder trusting the test issuer, as the service's is. */
    public static JwtDecoder decoder() {
        try {
            return NimbusJwtDecoder.withPublicKey(ISSUER.toRSAPublicKey()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of the right shape signed by a key the service does not trust. */
    public static String forged(String user, String... roles) {
        return sign(FORGER, user, List.of(roles), Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(RSAKey key, String user, List<String> roles, Instant expires) {
        return sign(key, user, roles, expires, null);
    }

    private static String sign(
            RSAKey key, String user, List<String> roles, Instant expires, List<String> jurisdictions) {
        var claims = new JWTClaimsSet.Builder()
                .claim("jurisdictions", jurisdictions)
                .subject("sub-" + user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(expires.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expires))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
