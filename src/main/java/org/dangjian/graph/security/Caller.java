package org.dangjian.graph.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who sends a request and what they may do, as the GraphQL layer sees it: taken from Spring Security's
 * authentication once per request and carried in the GraphQL context.
 *
 * @param jurisdictions the ids of the areas and Party organizations whose part of the graph the caller
 *     may see and change (数据权限), each with everything inside it ({@link Jurisdictions}); empty: the
 *     whole graph
 */
public record Caller(String name, Set<Role> roles, Set<String> jurisdictions) {

    /** The prefix of the granted authorities that carry a jurisdiction: {@code JURISDICTION_area-…}. */
    public static final String JURISDICTION_PREFIX = "JURISDICTION_";

    /** The key of the caller in the GraphQL context. */
    public static final String CONTEXT_KEY = Caller.class.getName();

    /** Used where no request exists: start-up loading and commands. */
    public static final Caller SYSTEM = new Caller("system", EnumSet.of(Role.ADMIN));

    /** Nobody: may do nothing. */
    public static final Caller NOBODY = new Caller("anonymous", EnumSet.noneOf(Role.class));

    public Caller {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        jurisdictions = jurisdictions == null ? Set.of() : Set.copyOf(new TreeSet<>(jurisdictions));
    }

    /** A caller of the whole graph. */
    public Caller(String name, Set<Role> roles) {
        this(name, roles, Set.of());
    }

    /** Whether a jurisdiction limits what the caller sees and changes. */
    public boolean restricted() {
        return !jurisdictions.isEmpty();
    }

    /** The jurisdictions, sorted, for the audit trail and messages. */
    public List<String> jurisdictionIds() {
        return jurisdictions.stream().sorted().toList();
    }

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return NOBODY;
        }
        var roles = EnumSet.noneOf(Role.class);
        var jurisdictions = new TreeSet<String>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority() != null && authority.getAuthority().startsWith(JURISDICTION_PREFIX)) {
                jurisdictions.add(authority.getAuthority().substring(JURISDICTION_PREFIX.length()));
                continue;
            }
            Role role = Role.parse(authority.getAuthority());
            if (role != null && authority.getAuthority().startsWith("ROLE_")) {
                roles.add(role);
            }
        }
        if (roles.isEmpty() && "anonymousUser".equals(authentication.getName())) {
            return NOBODY;
        }
        return new Caller(authentication.getName(), roles, jurisdictions);
    }

    /** The caller of a GraphQL request, from its context; NOBODY when there is none. */
    public static Caller of(graphql.schema.DataFetchingEnvironment env) {
        Caller caller = env.getGraphQlContext().get(CONTEXT_KEY);
        return caller == null ? NOBODY : caller;
    }

    /** The key of the request's deadline (an {@link java.time.Instant}) in the GraphQL context. */
    public static final String DEADLINE_KEY = Caller.class.getName() + ".deadline";

    /**
     * A GraphQL request run in-process, past HTTP, as this caller: what the HTTP interceptor
     * ({@link GraphQlAccess}) puts into the context of a request, the deadline only when given.
     */
    public ExecutionGraphQlRequest request(
            String document, String operationName, Map<String, Object> variables, Instant deadline) {
        var request = new DefaultExecutionGraphQlRequest(
                document, operationName, variables, Map.of(), UUID.randomUUID().toString(), null);
        Map<String, Object> context =
                deadline == null ? Map.of(CONTEXT_KEY, this) : Map.of(CONTEXT_KEY, this, DEADLINE_KEY, deadline);
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(context).build());
        return request;
    }

    public boolean can(Permission permission) {
        return roles.stream().anyMatch(r -> r.permissions().contains(permission));
    }

    /** Role names, sorted, for the audit trail. */
    public List<String> roleNames() {
        return roles.stream().map(Enum::name).sorted().toList();
    }
}
