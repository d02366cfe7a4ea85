package org.dangjian.graph.model;

/** How a property is stored in Neo4j and checked on input. */
public enum PropertyType {
    STRING,
    INT,
    FLOAT,
    BOOLEAN,
    DATE,
    /** A GraphQL enum, stored as its name. */
    ENUM,
    STRING_LIST
}
