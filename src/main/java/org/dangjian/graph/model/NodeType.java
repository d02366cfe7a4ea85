package org.dangjian.graph.model;

import java.util.List;
import java.util.Optional;

/**
 * A kind of node: its Neo4j label (also its GraphQL type), the prefix of the ids it is given, its
 * properties, and whether the generic create and update mutations may write it (designations and
 * rectifications are written only by their workflow).
 */
public record NodeType(String label, String idPrefix, List<Property> properties, boolean editable) {

    /** The GraphQL root field that looks one up, e.g. {@code partyOrganization}. */
    public String lookupField() {
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** The GraphQL root field that lists them, e.g. {@code partyOrganizations}. */
    public String listField() {
        return lookupField() + "s";
    }

    /** The names of its personal properties (stored sealed, masked for those who may not read them). */
    public List<String> personalProperties() {
        return properties.stream()
                .filter(Property::personal)
                .map(Property::name)
                .toList();
    }

    public Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
