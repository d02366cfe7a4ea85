package org.dangjian.graph.paging;

import org.dangjian.graph.api.ApiException;

/**
 * The one paging rule of every list of the API: {@code first} defaults to {@value #DEFAULT} and lies
 * between 0 and {@value #MAX} (0 answers only the total), whatever the list.
 */
public final class Paging {

    /** Items of a page when the caller does not say. */
    public static final int DEFAULT = 20;

    /** The most items one page may hold. */
    public static final int MAX = 500;

    private Paging() {}

    /** The page size asked, checked: the default when null; VALIDATION outside 0 to {@value #MAX}. */
    public static int first(Integer first) {
        int n = first == null ? DEFAULT : first;
        if (n < 0 || n > MAX) {
            throw ApiException.validation("first must be between 0 and " + MAX + " (was " + n + ")");
        }
        return n;
    }
}
