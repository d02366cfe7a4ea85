package org.dangjian.graph.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may reach the service. Every request needs a user holding one of the four {@link Role}s, except
 * the health endpoint; other operational endpoints need ADMIN. Users come from configuration (HTTP
 * Basic against bcrypt hashes) and/or from an OAuth2 issuer's tokens (Spring Boot's resource-server
 * properties, roles from a configurable claim). What each role may do inside GraphQL is decided per
 * field by {@link GraphQlAccess}.
 *
 * <p>The service refuses to start with no user source, with a password that is not a bcrypt hash, and
 * with the demonstration users on an address other than loopback.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfiguration {

    /**
     * No observation around each security filter, authentication and authorization: with the
     * property {@code management.observations.enable.spring.security=false} alone they are no-ops,
     * but every filter is still wrapped (a decorator per filter per request); without the
     * observations, the chain runs its filters as they are.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * CORS for the chain as Spring for GraphQL sets it for its endpoint ({@code spring.graphql.cors.*}
     * on {@code spring.graphql.http.path}), none elsewhere. Without this source the chain asked Spring
     * MVC's handler mappings for every request's CORS configuration (HandlerMappingIntrospector), a
     * fifteenth of the CPU of a small request. (No GraphQL, as in a context without it: no CORS.)
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            ObjectProvider<GraphQlProperties> graphQlProperties, ObjectProvider<GraphQlCorsProperties> corsProperties) {
        var source = new UrlBasedCorsConfigurationSource();
        GraphQlProperties graphQl = graphQlProperties.getIfAvailable();
        GraphQlCorsProperties cors = corsProperties.getIfAvailable();
        CorsConfiguration configuration = graphQl == null || cors == null ? null : cors.toCorsConfiguration();
        if (configuration != null) {
            // as Spring MVC's CORS registry combines it (methods GET, HEAD, POST and any header unless set)
            source.registerCorsConfiguration(
                    graphQl.getHttp().getPath(),
                    new CorsConfiguration().applyPermitDefaultValues().combine(configuration));
        }
        return source;
    }

    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

    /** The firewall in front of every filter chain: Spring Security's, its header checks without regex. */
    @Bean
    StrictHttpFirewall httpFirewall() {
        return HeaderFirewall.strict();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SecuritySettings settings,
            ObjectProvider<JwtDecoder> jwtDecoder,
            Environment env,
            LoginProtection login)
            throws Exception {
        JwtDecoder issuers = jwtDecoder.getIfAvailable();
        JwtDecoder decoder = issuers == null ? null : login.caching(issuers);
        boolean users = !settings.users().isEmpty();
        if (!users && decoder == null) {
            throw new StartRefusal(
                    "No user source is configured, and this service holds personal data: it will not run without"
                            + " authentication.",
                    "Configure users with bcrypt password hashes (party-graph.security.users[0].name, .password,"
                            + " .roles; see the README), or an OAuth2 issuer"
                            + " (spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri), or both."
                            + " To try the service on this machine, run it with the demo profile"
                            + " (--spring.profiles.active=demo).");
        }
        if (settings.demo()) {
            requireLoopback(env.getProperty("server.address"));
        }
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/error")
                .permitAll()
                .requestMatchers("/imports", "/imports/**")
                .hasAnyRole(namesWith(Permission.WRITE))
                .anyRequest()
                .hasAnyRole(names()));
        // The API authenticates every request by a header (Basic or Bearer), never by a cookie, so
        // there is no session for a cross-site request to ride on: no CSRF token is needed.
        http.csrf(csrf -> csrf.disable());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.cors(Customizer.withDefaults());
        if (users) {
            http.httpBasic(basic -> basic.realmName("party-graph"));
        }
        http.addFilterBefore(login.throttle(), BasicAuthenticationFilter.class);
        if (decoder != null) {
            http.oauth2ResourceServer(oauth ->
                    oauth.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtRoles(settings.jwt()))));
        }
        return http.build();
    }

    /** Users from configuration; empty when only tokens are used. */
    @Bean
    UserDetailsService configuredUsers(SecuritySettings settings) {
        var details = new ArrayList<UserDetails>();
        var names = new HashSet<String>();
        for (var user : settings.users()) {
            if (user.name() == null || user.name().isBlank()) {
                throw new StartRefusal("A configured user has no name.", "Set party-graph.security.users[i].name.");
            }
            if (!names.add(user.name())) {
                throw new StartRefusal(
                        "User " + user.name() + " is configured twice.", "Give each configured user a distinct name.");
            }
            if (user.password() == null || !BCRYPT.matcher(user.password()).matches()) {
                throw new StartRefusal(
                        "The password of user " + user.name() + " is not a bcrypt hash; plain passwords are refused.",
                        "Set party-graph.security.users[i].password to a bcrypt hash, e.g. from"
                                + " `htpasswd -nbBC 12 name password` (the part after the colon).");
            }
            var roles = new ArrayList<String>();
            for (String r : user.roles() == null ? List.<String>of() : user.roles()) {
                Role role = Role.parse(r);
                if (role == null) {
                    throw new StartRefusal(
                            "User " + user.name() + " has an unknown role " + r + ".",
                            "Use VIEWER, EDITOR, ANALYST or ADMIN.");
                }
                roles.add(role.name());
            }
            if (roles.isEmpty()) {
                throw new StartRefusal(
                        "User " + user.name() + " has no role.",
                        "Give each user at least one of VIEWER, EDITOR," + " ANALYST, ADMIN.");
            }
            String hash = user.password().startsWith("{bcrypt}") ? user.password() : "{bcrypt}" + user.password();
            var authorities = new ArrayList<String>();
            roles.forEach(r -> authorities.add("ROLE_" + r));
            for (String j : user.jurisdictions()) {
                if (j == null || j.isBlank()) {
                    throw new StartRefusal(
                            "User " + user.name() + " has an empty jurisdiction.",
                            "Give party-graph.security.users[i].jurisdictions the ids of areas or Party organizations,"
                                    + " or leave it out for the whole graph.");
                }
                authorities.add(Caller.JURISDICTION_PREFIX + j.strip());
            }
            details.add(User.withUsername(user.name())
                    .password(hash)
                    .authorities(authorities.toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(details);
    }

    @Bean
    LoginProtection loginProtection(SecuritySettings settings) {
        return new LoginProtection(settings.login());
    }

    @Bean
    PasswordEncoder passwordEncoder(LoginProtection login) {
        var bcrypt = new BCryptPasswordEncoder();
        var encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return login.caching(encoder);
    }

    private static String[] namesWith(Permission permission) {
        return Arrays.stream(Role.values())
                .filter(r -> r.permissions().contains(permission))
                .map(Enum::name)
                .toArray(String[]::new);
    }

    private static String[] names() {
        return Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new);
    }

    static void requireLoopback(String address) {
        boolean loopback;
        try {
            loopback = address != null
                    && !address.isBlank()
                    && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new StartRefusal(
                    "The demo users (documented passwords) may only be used on loopback, but server.address is "
                            + (address == null || address.isBlank() ? "every interface" : address) + ".",
                    "Run the demo profile with server.address=127.0.0.1, or configure real users and leave the"
                            + " demo profile off.");
        }
    }
}
