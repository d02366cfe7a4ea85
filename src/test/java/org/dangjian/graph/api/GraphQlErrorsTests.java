package org.dangjian.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.ExecutionStepInfo;
import graphql.execution.ResultPath;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.springframework.dao.TransientDataAccessResourceException;

/** What a client reads when a field fails for a reason of the service's own, not of its input. */
class GraphQlErrorsTests {

    final GraphQlErrors errors = new GraphQlErrors();

    final graphql.schema.DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
            .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
                    .type(GraphQLObjectType.newObject()
                            .name("Query")
                            .field(f -> f.name("x").type(GraphQLTypeReference.typeRef("String")))
                            .build())
                    .path(ResultPath.parse("/partyOrganization"))
                    .build())
            .mergedField(graphql.execution.MergedField.newMergedField(
                            graphql.language.Field.newField("partyOrganization").build())
                    .build())
            .build();

    @Test
    void aStoppedDatabaseIsUnavailableNotAnInternalError() {
        var stopped = new TransientDataAccessResourceException(
                "Connection to the database terminated", new ServiceUnavailableException("terminated"));
        var error = errors.resolveToSingleError(stopped, env);
        assertThat(error.getExtensions()).containsEntry("code", "UNAVAILABLE");
        assertThat(error.getMessage()).contains("unavailable").doesNotContain("terminated");
    }

    @Test
    void anythingElseIsABareInternalError() {
        var error = errors.resolveToSingleError(new IllegalStateException("secret detail"), env);
        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
        assertThat(error.getMessage()).doesNotContain("secret");
    }
}
