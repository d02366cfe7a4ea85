package org.dangjian.graph.model;

import java.util.regex.Pattern;

/** Chinese labels, read from the SDL's descriptions, which carry them in brackets. */
public final class Labels {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private Labels() {}

    /**
     * The label in a description: the last outermost bracketed part (ASCII or full-width brackets,
     * nested ones kept) that holds Chinese, e.g. 隶属关系（上级党组织） in {@code "Leadership line (隶属关系（上级
     * 党组织）): (PartyOrganization)-[:REPORTS_TO]->…"}; the whole description when it has none.
     */
    public static String chinese(String description, String fallback) {
        if (description == null || description.isBlank()) {
            return fallback;
        }
        String text = description.strip();
        String found = null;
        int depth = 0;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '（') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if ((c == ')' || c == '）') && depth > 0 && --depth == 0) {
                String inside = text.substring(start, i).strip();
                if (HAN.matcher(inside).find()) {
                    found = inside;
                }
            }
        }
        return found != null ? found : text;
    }
}
