package org.dangjian.graph.model;

/**
 * One property of a node or tie, named the same in Neo4j, the SDL and the Cypher files.
 *
 * @param name camelCase name
 * @param type storage type
 * @param required must be given on create
 * @param unique at most one node of its label holds a given value (codes)
 * @param personal personal data of a person: masked for roles without permission, never logged
 */
public record Property(String name, PropertyType type, boolean required, boolean unique, boolean personal) {

    static Property required(String name, PropertyType type) {
        return new Property(name, type, true, false, false);
    }

    static Property optional(String name, PropertyType type) {
        return new Property(name, type, false, false, false);
    }

    static Property code() {
        return new Property("code", PropertyType.STRING, false, true, false);
    }

    static Property personal(String name, PropertyType type) {
        return new Property(name, type, false, false, true);
    }
}
