package org.dangjian.graph.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where users come from ({@code party-graph.security.*}): users with bcrypt password hashes listed in
 * configuration or the environment, an OAuth2 issuer's signed tokens (set Spring Boot's {@code
 * spring.security.oauth2.resourceserver.jwt.*}), or both. With neither the service does not start.
 *
 * @param demo the README's demonstration set-up: only allowed while the service listens on loopback
 * @param users users with a bcrypt hash and roles
 * @param jwt how roles and names are read from tokens
 */
@ConfigurationProperties("party-graph.security")
public record SecuritySettings(
        @DefaultValue("false") boolean demo,
        List<User> users,
        @DefaultValue Jwt jwt) {

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * One user.
     *
     * @param name login name
     * @param password bcrypt hash, {@code $2a$…} or {@code {bcrypt}$2a$…}; never a plain password
     * @param roles VIEWER, EDITOR, ANALYST, ADMIN
     */
    public record User(String name, String password, List<String> roles) {}

    /**
     * Tokens of single sign-on.
     *
     * @param rolesClaim claim holding the roles; a dotted path reaches nested claims ({@code
     *     realm_access.roles})
     * @param usernameClaim claim naming the user (the subject when absent)
     */
    public record Jwt(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("preferred_username") String usernameClaim) {}
}
