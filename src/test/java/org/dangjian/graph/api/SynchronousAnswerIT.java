package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code POST /graphql} is answered on the thread that received it: one pass through the servlet
 * container's filters, no asynchronous dispatch, with the answer, status and media type Spring for
 * GraphQL gives (GraphQL over HTTP: a document that does not parse is 400 with {@code
 * application/graphql-response+json}, 200 with {@code application/json}).
 */
@IntegrationTest
@Import(SynchronousAnswerIT.Dispatches.class)
class SynchronousAnswerIT {

    @TestConfiguration
    static class Dispatches {
        static final List<DispatcherType> seen = new CopyOnWriteArrayList<>();

        @Bean
        FilterRegistrationBean<Filter> dispatchRecorder() {
            Filter recorder = (request, response, chain) -> {
                seen.add(request.getDispatcherType());
                chain.doFilter(request, response);
            };
            var registration = new FilterRegistrationBean<>(recorder);
            registration.addUrlPatterns("/graphql");
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            return registration;
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String accept, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Accept", accept)
                        .header("Content-Type", "application/json")
                        .header("Authorization", GraphApi.basic("viewer"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAnswerTakesOnePassWithoutAnAsynchronousDispatch() throws Exception {
        Dispatches.seen.clear();
        var answer = post("application/graphql-response+json", "{\"query\":\"{ areas(first: 1) { totalCount } }\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/graphql-response+json");
        assertThat(answer.body()).contains("\"totalCount\"").doesNotContain("errors");
        assertThat(Dispatches.seen).containsExactly(DispatcherType.REQUEST);
    }

    @Test
    void statusAndMediaTypeFollowGraphQlOverHttp() throws Exception {
        String broken = "{\"query\":\"{ areas(first: 1) { totalCount \"}";
        var strict = post("application/graphql-response+json", broken);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(strict.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/graphql-response+json");
        assertThat(strict.body()).contains("errors");
        var plain = post("application/json", broken);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(plain.body()).contains("errors");
        var anything = post("*/*", "{\"query\":\"{ __typename }\"}");
        assertThat(anything.statusCode()).isEqualTo(200);
        assertThat(anything.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(anything.body()).contains("Query");
    }
}
