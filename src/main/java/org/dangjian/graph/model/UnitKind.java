package org.dangjian.graph.model;

import java.util.List;

/**
 * The kinds of unit (单位类别): the GraphQL enum {@code UnitKind}, name for name (GraphModelTests
 * holds the two to each other), stored in Neo4j as the name.
 */
public enum UnitKind {
    GOVERNMENT_ORGAN,
    PUBLIC_INSTITUTION,
    STATE_OWNED_ENTERPRISE,
    NON_PUBLIC_ENTERPRISE,
    SOCIAL_ORGANIZATION,
    PROPERTY_COMPANY,
    OWNERS_COMMITTEE;

    /** The "two new" organizations (两新组织): new economic and new social organizations. */
    public static final List<UnitKind> TWO_NEW = List.of(NON_PUBLIC_ENTERPRISE, SOCIAL_ORGANIZATION, PROPERTY_COMPANY);
}
