package org.dangjian.graph.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads a token's roles from a configurable claim: a list or a space- or comma-separated string,
 * reached by a dotted path for nested claims (Keycloak's {@code realm_access.roles}). Values are
 * matched to {@link Role} names regardless of case and of a {@code ROLE_} prefix; others are ignored,
 * so a token with none of our roles authenticates but may do nothing. The ids of the user's
 * jurisdictions come from another configurable claim, read the same way ({@link Caller#jurisdictions}).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecuritySettings.Jwt settings;

    JwtRoles(SecuritySettings.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        var authorities = new ArrayList<SimpleGrantedAuthority>();
        values(claim(jwt.getClaims(), settings.rolesClaim())).stream()
                .map(Role::parse)
                .filter(Objects::nonNull)
                .distinct()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .forEach(authorities::add);
        values(claim(jwt.getClaims(), settings.jurisdictionsClaim())).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .distinct()
                .map(v -> new SimpleGrantedAuthority(Caller.JURISDICTION_PREFIX + v))
                .forEach(authorities::add);
        String name = jwt.getClaimAsString(settings.usernameClaim());
        return new JwtAuthenticationToken(jwt, authorities, name == null ? jwt.getSubject() : name);
    }

    static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    static List<String> values(Object claim) {
        var out = new ArrayList<String>();
        if (claim instanceof Collection<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof String s) {
            for (String v : s.split("[\\s,]+")) {
                if (!v.isBlank()) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
