package org.dangjian.graph.queries;

import java.util.List;

/**
 * One file of {@code cypher/queries/}: a parameterised Cypher statement that answers a domain
 * question, with the header that documents it for analysts.
 *
 * @param name the file name without {@code .cypher}, e.g. {@code coverage}
 * @param title one line in English
 * @param titleZh one line in Chinese
 * @param description what it answers and how to read its rows
 * @param parameters the parameters it takes, with types and examples
 * @param cypher the statement, runnable unchanged in Neo4j Browser or cypher-shell
 */
public record NamedQuery(
        String name, String title, String titleZh, String description, List<Parameter> parameters, String cypher) {

    /** A parameter: {@code // param scope: ID = area-c000-0000002 (那大镇)}. */
    public record Parameter(String name, String type, boolean required, String example) {}
}
