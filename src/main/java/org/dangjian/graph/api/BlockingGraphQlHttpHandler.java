package org.dangjian.graph.api;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Spring for GraphQL's handler of {@code POST /graphql}, answering on the servlet thread that received
 * the request instead of through an asynchronous servlet dispatch. The answer is the same; what goes
 * is the second pass of every request through Tomcat, Spring Security's filter chain and the
 * dispatcher servlet (the asynchronous dispatch that writes the answer), measured as a fifth to a
 * quarter of the CPU of a small request.
 *
 * <p>The execution runs on this thread too, under the request's deadline ({@link AnswerDeadline}): the
 * database stops a read past it, and what the execution hands to another thread is waited for at most
 * the time limit and its grace, then answered TIMEOUT.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class BlockingGraphQlHttpHandler {

    private static final List<MediaType> SUPPORTED = List.of(
            MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
            MediaType.APPLICATION_JSON,
            new MediaType("application", "graphql+json"));

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler, AnswerDeadline deadline) {
        return new GraphQlHttpHandler(handler) {
            @Override
            public ServerResponse handleRequest(ServerRequest request) throws jakarta.servlet.ServletException {
                request.attributes().put(AnswerDeadline.AWAITED, Boolean.TRUE); // waited for below
                return super.handleRequest(request);
            }

            @Override
            protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> answer) {
                WebGraphQlResponse response = deadline.await(answer);
                MediaType type = mediaType(request);
                var body = response.toMap();
                var builder = ServerResponse.status(selectResponseStatus(response, type))
                        .headers(h -> h.putAll(response.getResponseHeaders()))
                        .contentType(type);
                var write = getWriteFunction(body, type);
                return write != null ? builder.build(write) : builder.body(body);
            }
        };
    }

    /** As Spring for GraphQL chooses: the first accepted type it can write, else JSON. */
    private static MediaType mediaType(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException e) {
            throw new NotAcceptableStatusException(
                    "Could not parse Accept header " + request.headers().firstHeader("Accept") + ": " + e.getMessage());
        }
        return mediaType(accepted);
    }

    /** The type of the answer to a request accepting these types (in the order given). */
    public static MediaType mediaType(List<MediaType> accepted) {
        for (MediaType type : accepted) {
            if (SUPPORTED.contains(type)) {
                return type;
            }
        }
        return MediaType.APPLICATION_JSON;
    }
}
