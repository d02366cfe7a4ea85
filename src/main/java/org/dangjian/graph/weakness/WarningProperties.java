package org.dangjian.graph.weakness;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Thresholds of the warning signs ({@code party-graph.warnings.*}).
 *
 * @param minFormalMembers a branch needs at least this many formal members (正式党员)
 * @param committeeTermYears term of committees (党委, 工委)
 * @param branchTermYears term of general branches and branches (党总支, 党支部)
 * @param activityWindowMonths organizational life must be recorded within this many months
 * @param outOfContactShare a share of members out of contact above this fires
 * @param outOfContactMinMembers and at least this many members out of contact
 */
@ConfigurationProperties("party-graph.warnings")
record WarningProperties(
        Integer minFormalMembers,
        Integer committeeTermYears,
        Integer branchTermYears,
        Integer activityWindowMonths,
        Double outOfContactShare,
        Integer outOfContactMinMembers) {

    WarningProperties {
        minFormalMembers = minFormalMembers == null ? 3 : minFormalMembers;
        committeeTermYears = committeeTermYears == null ? 5 : committeeTermYears;
        branchTermYears = branchTermYears == null ? 3 : branchTermYears;
        activityWindowMonths = activityWindowMonths == null ? 6 : activityWindowMonths;
        outOfContactShare = outOfContactShare == null ? 0.1 : outOfContactShare;
        outOfContactMinMembers = outOfContactMinMembers == null ? 1 : outOfContactMinMembers;
    }
}
