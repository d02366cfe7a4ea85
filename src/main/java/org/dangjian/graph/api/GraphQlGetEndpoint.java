package org.dangjian.graph.api;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP with GET, as the GraphQL-over-HTTP spec allows for queries: {@code
 * /graphql?query=…&variables=…&operationName=…}. A mutation over GET is refused with 405, since GET
 * must never change anything. The request goes through the same handler and interceptors as POST.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class GraphQlGetEndpoint {

    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final WebGraphQlHandler handler;
    private final JsonMapper json;
    private final AnswerDeadline deadline;

    GraphQlGetEndpoint(WebGraphQlHandler handler, JsonMapper json, AnswerDeadline deadline) {
        this.handler = handler;
        this.json = json;
        this.deadline = deadline;
    }

    /** Routed ahead of Spring for GraphQL's POST-only route for the same path. */
    @Bean
    @Order(-100)
    RouterFunction<ServerResponse> graphQlGetRoute(@Value("${spring.graphql.http.path:/graphql}") String path) {
        return RouterFunctions.route()
                .GET(path, request -> {
                    var response = get(request);
                    return ServerResponse.status(response.getStatusCode())
                            .headers(h -> h.addAll(response.getHeaders()))
                            .body(response.getBody());
                })
                .build();
    }

    ResponseEntity<Object> get(ServerRequest request) {
        String query = request.param("query").orElse(null);
        String variables = request.param("variables").orElse(null);
        String operationName = request.param("operationName").orElse(null);
        HttpServletRequest servlet = request.servletRequest();
        if (query == null || query.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "GET needs a query parameter");
        }
        OperationDefinition.Operation operation;
        try {
            operation = operationOf(Parser.parse(query), operationName);
        } catch (InvalidSyntaxException e) {
            return error(HttpStatus.BAD_REQUEST, "Invalid query: " + e.getMessage());
        }
        if (operation != OperationDefinition.Operation.QUERY) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .allow(org.springframework.http.HttpMethod.POST)
                    .contentType(GRAPHQL_RESPONSE)
                    .body(errors("Only queries may be sent with GET; send "
                            + operation.name().toLowerCase() + "s with POST"));
        }
        var body = new HashMap<String, Object>();
        body.put("query", query);
        body.put("operationName", operationName);
        if (variables != null && !variables.isBlank()) {
            try {
                body.put("variables", json.readValue(variables, new TypeReference<Map<String, Object>>() {}));
            } catch (RuntimeException e) {
                return error(HttpStatus.BAD_REQUEST, "variables is not a JSON object");
            }
        }
        var headers = new HttpHeaders();
        servlet.getHeaderNames()
                .asIterator()
                .forEachRemaining(h -> headers.addAll(h, java.util.Collections.list(servlet.getHeaders(h))));
        var graphQlRequest = new WebGraphQlRequest(
                URI.create(servlet.getRequestURL().toString()),
                headers,
                new LinkedMultiValueMap<>(),
                new InetSocketAddress(servlet.getRemoteAddr(), servlet.getRemotePort()),
                Map.of(AnswerDeadline.AWAITED, Boolean.TRUE),
                body,
                java.util.UUID.randomUUID().toString(),
                servlet.getLocale());
        var response = deadline.await(handler.handleRequest(graphQlRequest));
        return ResponseEntity.ok().contentType(GRAPHQL_RESPONSE).body(response.toMap());
    }

    private static OperationDefinition.Operation operationOf(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(o -> operationName == null || operationName.equals(o.getName()))
                .findFirst()
                .map(OperationDefinition::getOperation)
                .orElse(OperationDefinition.Operation.QUERY);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(GRAPHQL_RESPONSE).body(errors(message));
    }

    private static Map<String, Object> errors(String message) {
        return Map.of("errors", List.of(Map.of("message", message)));
    }
}
