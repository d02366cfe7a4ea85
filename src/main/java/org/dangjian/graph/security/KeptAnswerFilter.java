package org.dangjian.graph.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.api.BlockingGraphQlHttpHandler;
import org.dangjian.graph.api.RequestGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.MediaType;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers kept whole ({@link KeptResponses}) served at the end of the servlet filters, after
 * Spring Security's chain has authenticated and authorized the request, instead of through the
 * dispatcher servlet: the handler mappings, Spring for GraphQL's route and handler and the message
 * converters that would only find the same answer and write it again. The JSON written is the one the
 * HTTP layer wrote for it, kept beside the answer.
 *
 * <p>Only a plain request takes this way: {@code POST} to {@code spring.graphql.http.path}, {@code
 * Content-Type: application/json} (with UTF-8 at most), an {@code Accept} that the route accepts as
 * it stands ({@code application/graphql-response+json}, {@code application/json} or any type first,
 * or none), and a body that is a JSON object of {@code query} (a string), {@code operationName}, {@code
 * variables} and {@code extensions} only, of 64 KiB at most. Anything else, and any request whose answer is not kept,
 * goes on to the dispatcher as before, its body unread (the request guard buffered it), and is
 * answered or refused there. Measured in turns on the sample: 0.03–0.12 ms less for a kept answer of
 * 0.5–0.8 ms, the larger answers the most (README, <i>What makes the answers fast</i>).
 *
 * <p>{@code party-graph.responses.served-early=false} leaves every request to the dispatcher.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "party-graph.responses.served-early", havingValue = "true", matchIfMissing = true)
class KeptAnswerFilter {

    /**
     * The largest body looked at here: a kept answer's request is a document and a few variables, and
     * a larger body (a mutation's payload) would be parsed twice for nothing.
     */
    private static final long MAX_BODY = 64 * 1024;

    private static final Set<String> FIELDS = Set.of("query", "operationName", "variables", "extensions");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> keptAnswerFilterRegistration(
            ObjectProvider<KeptResponses> responses,
            JsonMapper json,
            @Value("${spring.graphql.http.path:/graphql}") String path) {
        // resolved on the first request, not at every one: the bean factory's lookup took a tenth of a
        // kept answer's CPU (profiled in turns on the sample, session 32); not at start-up either, since
        // the filters are made before the beans the kept answers need
        var keptResponses = SingletonSupplier.of(responses::getIfAvailable);
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                KeptResponses kept = keptResponses.get();
                MediaType type = kept != null
                                && kept.enabled() // else no body is read here (a Neo4j server: nothing kept)
                                && request.getMethod().equals("POST")
                                && request.getRequestURI().equals(request.getContextPath() + path)
                                && request.getContentLengthLong() <= MAX_BODY
                                && plainJson(request.getContentType())
                                && RequestGuard.rereadable(request)
                        ? answerType(request)
                        : null;
                byte[] answer = type == null ? null : kept(kept, json, request);
                if (answer == null) {
                    chain.doFilter(request, response);
                    return;
                }
                ServerHttpObservationFilter.findObservationContext(request)
                        .ifPresent(context -> context.setPathPattern(path));
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(type.toString());
                response.setContentLength(answer.length);
                response.getOutputStream().write(answer);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE); // after every other filter, Spring Security's chain included
        registration.addUrlPatterns(path);
        return registration;
    }

    /** {@code application/json}, with no parameter but a UTF-8 charset. */
    static boolean plainJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && type.getParameters().keySet().stream().allMatch("charset"::equalsIgnoreCase)
                    && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The type of the answer, as the GraphQL handler chooses it, when the request's {@code Accept}
     * leads with a type the route takes as it is; else null.
     */
    static MediaType answerType(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Accept"));
        if (headers.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(headers);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (accepted.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        MediaType first = accepted.get(0);
        if (!first.equals(MediaType.ALL)
                && !first.equals(MediaType.APPLICATION_JSON)
                && !first.equals(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)) {
            return null;
        }
        return BlockingGraphQlHttpHandler.mediaType(accepted);
    }

    /** The kept answer's JSON for this request's body, or null (not kept, or not a plain GraphQL request). */
    @SuppressWarnings("unchecked")
    private static byte[] kept(KeptResponses responses, JsonMapper json, HttpServletRequest request)
            throws IOException {
        byte[] body = request.getInputStream().readAllBytes(); // buffered: the dispatcher reads it again
        try {
            if (!(json.readValue(body, Map.class) instanceof Map<?, ?> map)
                    || !FIELDS.containsAll(map.keySet())
                    || !(map.get("query") instanceof String document)
                    || !(map.get("operationName") == null || map.get("operationName") instanceof String)
                    || !(map.get("variables") == null || map.get("variables") instanceof Map)
                    || !(map.get("extensions") == null || map.get("extensions") instanceof Map)) {
                return null;
            }
            return responses.keptJson(
                    document, (String) map.get("operationName"), (Map<String, Object>) map.get("variables"), (Map<
                                    String, Object>)
                            map.get("extensions"));
        } catch (RuntimeException e) {
            return null; // not JSON, or not written: the dispatcher answers it as before
        }
    }
}
