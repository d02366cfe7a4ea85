package org.dangjian.graph.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Controller;

/**
 * The effective configuration an administrator may see ({@code serviceSettings}): limits, time
 * zone, database location, how users are known and the configured users with their roles. Only
 * settings on this allow-list are shown, so no password, hash or secret can appear.
 */
@Controller
class SettingsController {

    static final List<String> VISIBLE = List.of(
            "server.address",
            "server.port",
            "spring.neo4j.uri",
            "party-graph.neo4j.embedded.directory",
            "party-graph.neo4j.embedded.bolt-address",
            "party-graph.neo4j.embedded.bolt-port",
            "party-graph.neo4j.embedded.page-cache",
            "party-graph.neo4j.embedded.transaction-timeout",
            "party-graph.time-zone",
            "party-graph.sample.load-on-empty",
            "party-graph.console.timeout",
            "party-graph.console.default-limit",
            "party-graph.console.max-limit",
            "party-graph.network.max-depth",
            "party-graph.network.max-limit",
            "party-graph.graphql.max-depth",
            "party-graph.graphql.max-complexity",
            "party-graph.graphql.max-aliases",
            "party-graph.graphql.max-operations",
            "party-graph.graphql.request-timeout",
            "spring.graphql.schema.introspection.enabled",
            "spring.graphql.cors.allowed-origins",
            "party-graph.security.demo",
            "party-graph.security.jwt.roles-claim",
            "party-graph.security.jwt.username-claim",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "party-graph.warnings.min-formal-members",
            "party-graph.warnings.committee-term-years",
            "party-graph.warnings.branch-term-years",
            "party-graph.warnings.activity-window-months",
            "party-graph.warnings.out-of-contact-share",
            "party-graph.warnings.out-of-contact-min-members");

    private final Environment environment;
    private final SecuritySettings security;
    private final ObjectProvider<JwtDecoder> tokens;

    SettingsController(Environment environment, SecuritySettings security, ObjectProvider<JwtDecoder> tokens) {
        this.environment = environment;
        this.security = security;
        this.tokens = tokens;
    }

    @QueryMapping
    Map<String, Object> serviceSettings() {
        var settings = new LinkedHashMap<String, Object>();
        for (String key : VISIBLE) {
            settings.put(key, environment.getProperty(key));
        }
        var users = security.users().stream()
                .map(u -> Map.<String, Object>of("name", u.name(), "roles", u.roles() == null ? List.of() : u.roles()))
                .toList();
        var authentication = new LinkedHashMap<String, Object>();
        authentication.put("configuredUsers", users);
        authentication.put("tokens", tokens.getIfAvailable() != null);
        var out = new LinkedHashMap<String, Object>();
        out.put("authentication", authentication);
        out.put("properties", settings);
        return out;
    }
}
