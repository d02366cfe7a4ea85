package org.dangjian.graph.api;

import org.dangjian.graph.model.GraphModel;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Builds the service's schema from the SDL completed by the graph model: the fields every tie has, the
 * tie list fields on their ends and the values of {@code TieKind} come from the {@code @tie}
 * declarations (see {@code model.SchemaModel}). The whole schema is printed at {@code GET /graphql/schema}.
 */
@Component
class ModelSchema implements GraphQlSourceBuilderCustomizer {

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        builder.configureTypeDefinitions(GraphModel::completeSchema);
    }
}
