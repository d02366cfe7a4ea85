package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * GraphiQL is served from the jar: the page and every script and style it loads come from the
 * service, and each example tab it opens with runs without an error against the sample graph.
 */
@IntegrationTest
class GraphiqlPageIT {

    static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", GraphApi.basic("viewer"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndEverythingItLoadsComeFromTheService() throws Exception {
        var page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/graphiql/index.html");
        var references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        var loaded = new ArrayList<String>();
        while (references.find()) {
            String reference = references.group(1);
            assertThat(reference).as("no page asset from elsewhere").doesNotContain("//");
            if (!reference.startsWith("/")) {
                loaded.add(reference);
                assertThat(get("/graphiql/" + reference).statusCode())
                        .as(reference)
                        .isEqualTo(200);
            }
        }
        assertThat(loaded).contains("vendor/graphiql.min.js", "vendor/graphiql.min.css", "graphiql-page.js");
    }

    @Test
    void everyExampleTabRunsWithoutAnError() throws Exception {
        String script = Files.readString(Path.of("src/main/resources/static/graphiql/graphiql-page.js"));
        var queries = Pattern.compile("query: `(.*?)`", Pattern.DOTALL).matcher(script);
        int count = 0;
        while (queries.find()) {
            var response = GraphApi.post(port, GraphApi.basic("viewer"), queries.group(1), Map.of());
            assertThat(response.body())
                    .as(queries.group(1))
                    .doesNotContain("\"errors\"")
                    .contains("\"data\"");
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
    }
}
