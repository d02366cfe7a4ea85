package org.dangjian.graph.entity;

import java.util.List;
import java.util.Map;

/**
 * One page of a node list in the shape of a Relay connection, with {@code totalCount}. (Spring for
 * GraphQL passes values whose class name ends in "Connection" through unchanged.)
 */
record NodeConnection(
        List<Map<String, Object>> edges,
        List<Map<String, Object>> nodes,
        Map<String, Object> pageInfo,
        long totalCount) {}
