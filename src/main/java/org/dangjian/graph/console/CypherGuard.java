package org.dangjian.graph.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dangjian.graph.support.ApiException;
import org.neo4j.cypherdsl.core.FunctionInvocation;
import org.neo4j.cypherdsl.parser.CypherParser;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;

/**
 * Decides whether an analyst's statement may run, from what Neo4j itself says of it ({@code EXPLAIN}:
 * the query type and the operators of the plan) and from the statement's syntax tree (Cypher-DSL's
 * parser, built on Neo4j's): only reads, no {@code LOAD CSV}, no {@code CALL … IN TRANSACTIONS}, no
 * schema or administration command, and only procedures and namespaced functions of a short
 * allow-list. The transaction then also runs in read access mode, so a write that got past these
 * checks would still be refused by the database.
 */
final class CypherGuard {

    /** Harmless procedures: the schema's names and shape, and full-text search. */
    static final Set<String> PROCEDURES = Set.of(
            "db.labels",
            "db.relationshipTypes",
            "db.propertyKeys",
            "db.schema.visualization",
            "db.schema.nodeTypeProperties",
            "db.schema.relTypeProperties",
            "db.index.fulltext.queryNodes",
            "db.index.fulltext.queryRelationships");

    /** Namespaces of built-in functions; any other namespaced function (plugins) is refused. */
    static final Set<String> FUNCTION_NAMESPACES =
            Set.of("date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector");

    /** Operators that write, read files, run their own transactions or administer the database. */
    private static final List<String> FORBIDDEN_OPERATORS = List.of(
            "Create",
            "Merge",
            "Set",
            "Delete",
            "Remove",
            "Foreach",
            "LoadCSV",
            "Transaction",
            "Show",
            "Drop",
            "Alter",
            "Grant",
            "Revoke",
            "Deny",
            "Start",
            "Stop",
            "Terminate",
            "Enable",
            "Rename");

    private CypherGuard() {}

    /** The checks on Neo4j's own account of the statement: its query type and its plan. */
    static void checkPlanned(ResultSummary explained) {
        if (explained.queryType() != QueryType.READ_ONLY) {
            throw refused("only reading statements may run here; this one is " + describe(explained.queryType()));
        }
        if (explained.hasPlan()) {
            checkPlan(explained.plan());
        }
    }

    private static void checkPlan(Plan plan) {
        String operator = plan.operatorType();
        String name = operator.contains("@") ? operator.substring(0, operator.indexOf('@')) : operator;
        for (String forbidden : FORBIDDEN_OPERATORS) {
            if (name.startsWith(forbidden) || name.equals("Eager" + forbidden)) {
                throw refused("the plan contains " + name + ", which is not allowed here");
            }
        }
        if (name.contains("ProcedureCall")) {
            String procedure = procedureName(plan.arguments());
            if (!PROCEDURES.contains(procedure)) {
                throw refused("procedure " + procedure + " is not allowed here; allowed: " + PROCEDURES);
            }
        }
        plan.children().forEach(CypherGuard::checkPlan);
    }

    /** The procedure an operator calls, read from the plan's "Details": {@code db.labels() :: …}. */
    static String procedureName(Map<String, org.neo4j.driver.Value> arguments) {
        var details = arguments.get("Details");
        String text = details == null ? "" : details.asString().strip();
        int paren = text.indexOf('(');
        return paren < 0 ? text : text.substring(0, paren).strip();
    }

    /** Refuses namespaced functions of plugins, found in the syntax tree; runs before EXPLAIN. */
    static void checkFunctions(String statement) {
        List<String> names = new ArrayList<>();
        try {
            String body = statement.strip();
            if (body.toUpperCase(Locale.ROOT).startsWith("EXPLAIN")) {
                body = body.substring("EXPLAIN".length());
            }
            CypherParser.parseStatement(body).accept(visitable -> {
                if (visitable instanceof FunctionInvocation f) {
                    names.add(f.getFunctionName());
                }
            });
        } catch (RuntimeException syntaxTheParserDoesNotKnow) {
            // Newer syntax than Cypher-DSL's parser knows: Neo4j planned it, its operators were checked,
            // and only built-in functions exist in the embedded database.
            return;
        }
        for (String name : names) {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && !FUNCTION_NAMESPACES.contains(name.substring(0, dot).toLowerCase(Locale.ROOT))) {
                throw refused("function " + name + " is not allowed here");
            }
        }
    }

    private static String describe(QueryType type) {
        return switch (type) {
            case READ_WRITE -> "a read-write statement";
            case WRITE_ONLY -> "a writing statement";
            case SCHEMA_WRITE -> "a schema or administration command";
            default -> String.valueOf(type);
        };
    }

    static ApiException refused(String why) {
        return new ApiException(ApiException.Code.FORBIDDEN, "Refused: " + why + ". Nothing was run.");
    }
}
