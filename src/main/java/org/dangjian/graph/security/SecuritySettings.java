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
 * @param login how verified passwords are remembered and failed logins throttled
 */
@ConfigurationProperties("party-graph.security")
public record SecuritySettings(
        @DefaultValue("false") boolean demo,
        List<User> users,
        @DefaultValue Jwt jwt,
        @DefaultValue Login login) {

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * One user.
     *
     * @param name login name
     * @param password bcrypt hash, {@code $2a$…} or {@code {bcrypt}$2a$…}; never a plain password
     * @param roles VIEWER, EDITOR, ANALYST, ADMIN
     * @param jurisdictions ids of areas or Party organizations: the user sees and changes only what lies
     *     inside them; none: the whole graph
     */
    public record User(String name, String password, List<String> roles, List<String> jurisdictions) {

        public User {
            jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        }
    }

    /**
     * Tokens of single sign-on.
     *
     * @param rolesClaim claim holding the roles; a dotted path reaches nested claims ({@code
     *     realm_access.roles})
     * @param usernameClaim claim naming the user (the subject when absent)
     * @param jurisdictionsClaim claim holding the ids of the user's jurisdictions (a list or a space- or
     *     comma-separated string, a dotted path for nested claims); absent or empty: the whole graph
     */
    /**
     * Logins.
     *
     * @param verifiedTtl how long a password bcrypt has verified is remembered
     * @param maxFailuresPerUser failed logins of one user name within the window before it is throttled
     * @param maxFailuresPerAddress failed logins from one address within the window before it is throttled
     * @param window how long failures are counted, and how long a throttled caller waits
     */
    public record Login(
            @DefaultValue("5m") java.time.Duration verifiedTtl,
            @DefaultValue("10") int maxFailuresPerUser,
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("5m") java.time.Duration window) {}

    public record Jwt(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue("jurisdictions") String jurisdictionsClaim) {}
}
