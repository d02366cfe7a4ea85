package org.dangjian.graph.model;

import java.util.List;
import java.util.Set;

/**
 * A kind of tie: a Neo4j relationship type between given labels, exposed in GraphQL as an object
 * type ({@code name}) with named ends ({@code fromName}, {@code toName}) and as a list field on each
 * end ({@code outField} on the start node, {@code inField} on the end node). Every tie carries
 * {@code id}, {@code since} and, once ended, {@code until}; ending never deletes.
 *
 * @param kind the value of the GraphQL enum {@code TieKind}
 * @param refs properties holding the id of another node, resolved in the same query (property → label)
 * @param addable whether {@code addTie} may create it (false: written only by a workflow)
 * @param acyclic whether its ties form a hierarchy that must stay free of cycles
 */
public record TieType(
        String kind,
        String name,
        String relType,
        Set<String> fromLabels,
        Set<String> toLabels,
        String fromName,
        String toName,
        String outField,
        String inField,
        List<Property> properties,
        java.util.Map<String, String> refs,
        boolean addable,
        boolean acyclic) {

    /** Cypher label expression for the start node, e.g. {@code Unit|PartyOrganization}. */
    public String fromLabelExpression() {
        return String.join("|", fromLabels);
    }

    public String toLabelExpression() {
        return String.join("|", toLabels);
    }
}
