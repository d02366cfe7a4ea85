package org.dangjian.graph.weakness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A warning sign: what the graph suggests, never a decision. Each rule is a named Cypher file with
 * its thresholds taken from {@link WarningProperties}.
 *
 * @param code stable code, e.g. NO_SECRETARY
 * @param query the file in {@code cypher/queries/}
 * @param severity HIGH, MEDIUM or LOW
 * @param thresholds the parameters the file gets, with their configured values
 */
record WarningRule(
        String code,
        String query,
        String title,
        String titleZh,
        String description,
        String severity,
        Map<String, Object> thresholds) {

    static List<WarningRule> all(WarningProperties p) {
        return List.of(
                new WarningRule(
                        "NO_SECRETARY",
                        "warning-no-secretary",
                        "No secretary, or the post vacant",
                        "未配备书记或书记空缺",
                        "No active SECRETARY post on the date.",
                        "HIGH",
                        Map.of()),
                new WarningRule(
                        "FEW_FORMAL_MEMBERS",
                        "warning-few-formal-members",
                        "Fewer formal members than a branch needs",
                        "正式党员不足",
                        "Fewer formal members than minFormalMembers.",
                        "HIGH",
                        Map.of("minFormalMembers", p.minFormalMembers())),
                new WarningRule(
                        "TERM_EXPIRED",
                        "warning-term-expired",
                        "Term expired without re-election",
                        "届期已满未按期换届",
                        "electedOn is longer ago than the term of the organization's kind.",
                        "MEDIUM",
                        ordered("committeeTermYears", p.committeeTermYears(), "branchTermYears", p.branchTermYears())),
                new WarningRule(
                        "NO_RECENT_ACTIVITY",
                        "warning-no-recent-activity",
                        "No recorded organizational life within the window",
                        "近期无组织生活记录",
                        "No Activity held within windowMonths before the date.",
                        "MEDIUM",
                        Map.of("windowMonths", p.activityWindowMonths())),
                new WarningRule(
                        "NO_COBUILDING_TIE",
                        "warning-no-cobuilding-tie",
                        "No pairing or co-building tie",
                        "无结对共建关系",
                        "A community, two-new or organ organization with no pairing, resource or part-time seat.",
                        "LOW",
                        Map.of()),
                new WarningRule(
                        "MEMBERS_OUT_OF_CONTACT",
                        "warning-members-out-of-contact",
                        "An unusual share of members out of contact",
                        "失联党员比例偏高",
                        "The share of members out of contact exceeds maxShare.",
                        "MEDIUM",
                        ordered("maxShare", p.outOfContactShare(), "minMembers", p.outOfContactMinMembers())));
    }

    int severityRank() {
        return switch (severity) {
            case "HIGH" -> 0;
            case "MEDIUM" -> 1;
            default -> 2;
        };
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
