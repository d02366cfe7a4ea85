package org.dangjian.graph.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Parses and validates each distinct document once: a front-end and the dashboard send the same few
 * documents again and again with other variables, and parsing and validating them again cost a fixed
 * share of every request (a profile of {@code { __typename }} found graphql-java's parser and
 * validator in a quarter of its samples). Kept in a bounded Caffeine cache keyed by the document's
 * text ({@code party-graph.graphql.parsed-documents}, least recently used out first); the schema
 * never changes while the service runs, so a validation holds as long as its document. The depth and
 * complexity limits are checked as each operation executes ({@link QueryLimits}), not here, so they
 * hold for a kept document too.
 */
@Component
class ParsedDocuments implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

    private final Cache<String, PreparsedDocumentEntry> documents;

    ParsedDocuments(@Value("${party-graph.graphql.parsed-documents:2000}") int max) {
        this.documents = Caffeine.newBuilder().maximumSize(max).build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            graphql.ExecutionInput input,
            java.util.function.Function<graphql.ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(
                documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
    }

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }
}
