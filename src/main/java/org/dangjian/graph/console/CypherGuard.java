package org.dangjian.graph.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.security.PersonalData;
import org.neo4j.cypherdsl.core.FunctionInvocation;
import org.neo4j.cypherdsl.core.PropertyLookup;
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

    /** Any personal property key, as a word of the statement (identifier, backticked name or string). */
    private static final Pattern PERSONAL_KEY = Pattern.compile("(?<![\\p{L}\\p{N}_])("
            + PersonalData.KEYS.stream().sorted().collect(Collectors.joining("|")) + ")(?![\\p{L}\\p{N}_])");

    private static final Pattern AUDIT_LABEL = Pattern.compile("(?<![\\p{L}\\p{N}_])AuditEvent(?![\\p{L}\\p{N}_])");

    private CypherGuard() {}

    /**
     * The checks on the statement's text and syntax tree, parsed once (Cypher-DSL's parser, built on
     * Neo4j's); they run before EXPLAIN. For everyone: namespaced functions of plugins are refused.
     * For callers who may not see personal data: statements and parameters that name a personal
     * property, and dynamic property lookups ({@code n[key]}), which could name one indirectly, are
     * refused; whole nodes and maps in the results are masked by {@link ValueRenderer}. For callers who
     * may not read the audit trail: statements naming its label are refused.
     */
    static void checkStatement(String statement, Map<String, Object> parameters, Visibility visibility) {
        List<String> functions = new ArrayList<>();
        var dynamic = new AtomicBoolean();
        boolean parsed;
        try {
            CypherParser.parseStatement(withoutExplain(statement)).accept(visitable -> {
                if (visitable instanceof FunctionInvocation f) {
                    functions.add(f.getFunctionName());
                } else if (visitable instanceof PropertyLookup lookup && lookup.isDynamicLookup()) {
                    dynamic.set(true);
                }
            });
            parsed = true;
        } catch (RuntimeException syntaxTheParserDoesNotKnow) {
            // Newer syntax than Cypher-DSL's parser knows: Neo4j plans it and its operators are checked,
            // and only built-in functions exist in the embedded database.
            parsed = false;
        }
        for (String name : functions) {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && !FUNCTION_NAMESPACES.contains(name.substring(0, dot).toLowerCase(Locale.ROOT))) {
                throw refused("function " + name + " is not allowed here");
            }
        }
        if (!visibility.auditTrail() && AUDIT_LABEL.matcher(statement).find()) {
            throw refused("the audit trail (AuditEvent) is for administrators");
        }
        if (visibility.personalData()) {
            return;
        }
        var named = PERSONAL_KEY.matcher(statement);
        if (named.find()) {
            throw refused("personal property " + named.group(1) + " may not be read with your roles (personal"
                    + " properties: " + PersonalData.KEYS.stream().sorted().toList()
                    + "); nodes returned whole show them masked");
        }
        if (mentionsPersonalKey(parameters)) {
            throw refused("parameters name a personal property, which your roles may not read");
        }
        if (!parsed) {
            throw refused("this statement could not be checked for personal properties, which your roles may not"
                    + " read; write it without syntax newer than Cypher 5");
        }
        if (dynamic.get()) {
            throw refused("dynamic property lookups (n[key]) may name a personal property, which your roles may"
                    + " not read; name properties explicitly");
        }
    }

    private static boolean mentionsPersonalKey(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                if (PersonalData.isPersonal(String.valueOf(e.getKey())) || mentionsPersonalKey(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            return list.stream().anyMatch(CypherGuard::mentionsPersonalKey);
        } else if (value instanceof String s) {
            return PERSONAL_KEY.matcher(s).find();
        }
        return false;
    }

    private static String withoutExplain(String statement) {
        String body = statement.strip();
        return body.toUpperCase(Locale.ROOT).startsWith("EXPLAIN") ? body.substring("EXPLAIN".length()) : body;
    }

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
