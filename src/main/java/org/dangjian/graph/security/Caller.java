package org.dangjian.graph.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who sends a request and what they may do, as the GraphQL layer sees it: taken from Spring Security's
 * authentication once per request and carried in the GraphQL context.
 */
public record Caller(String name, Set<Role> roles) {

    /** The key of the caller in the GraphQL context. */
    public static final String CONTEXT_KEY = Caller.class.getName();

    /** Used where no request exists: start-up loading and commands. */
    public static final Caller SYSTEM = new Caller("system", EnumSet.of(Role.ADMIN));

    /** Nobody: may do nothing. */
    public static final Caller NOBODY = new Caller("anonymous", EnumSet.noneOf(Role.class));

    public Caller {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return NOBODY;
        }
        var roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role role = Role.parse(authority.getAuthority());
            if (role != null && authority.getAuthority().startsWith("ROLE_")) {
                roles.add(role);
            }
        }
        if (roles.isEmpty() && "anonymousUser".equals(authentication.getName())) {
            return NOBODY;
        }
        return new Caller(authentication.getName(), roles);
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
