package org.dangjian.graph.model;

/**
 * One property of a node or tie, named the same in Neo4j, the SDL and the Cypher files.
 *
 * @param name camelCase name
 * @param type storage type
 * @param required must be given on create
 * @param unique at most one node of its label holds a given value (codes)
 * @param personal personal data of a person: masked for roles without permission, never logged
 * @param label its Chinese name, from the SDL's description (名称), for headers and forms
 * @param enumType for an {@link PropertyType#ENUM}, the GraphQL enum of its values; else null
 */
public record Property(
        String name,
        PropertyType type,
        boolean required,
        boolean unique,
        boolean personal,
        String label,
        String enumType) {}
