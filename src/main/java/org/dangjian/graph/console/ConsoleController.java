package org.dangjian.graph.console;

import graphql.GraphQLContext;
import java.util.Collection;
import java.util.Map;
import org.dangjian.graph.queries.CypherCatalogue;
import org.dangjian.graph.queries.NamedQuery;
import org.dangjian.graph.security.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Maps the analysts' console and the named-query library. */
@Controller
class ConsoleController {

    private final CypherConsole console;
    private final CypherCatalogue catalogue;

    ConsoleController(CypherConsole console, CypherCatalogue catalogue) {
        this.console = console;
        this.catalogue = catalogue;
    }

    @QueryMapping
    CypherConsole.Result cypher(
            @Argument String query,
            @Argument Map<String, Object> parameters,
            @Argument Integer limit,
            GraphQLContext context) {
        return console.run(query, parameters, limit, Visibility.of(context.get(Caller.CONTEXT_KEY)));
    }

    @QueryMapping
    Collection<NamedQuery> namedQueries() {
        return catalogue.all();
    }

    @QueryMapping
    CypherConsole.Result runNamedQuery(
            @Argument String name,
            @Argument Map<String, Object> parameters,
            @Argument Integer limit,
            GraphQLContext context) {
        return console.run(catalogue.get(name), parameters, limit, Visibility.of(context.get(Caller.CONTEXT_KEY)));
    }
}
