package org.dangjian.graph.coverage;

/** How a coverage report groups its units: the GraphQL enum {@code CoverageGrouping}, name for name. */
public enum CoverageGrouping {
    /** By the industry or comprehensive committee that manages the unit's organization. */
    INDUSTRY_COMMITTEE,
    /** By the big community the unit lies in. */
    BIG_COMMUNITY,
    /** By the community the unit lies in. */
    COMMUNITY,
    /** By the kind of unit. */
    UNIT_KIND
}
