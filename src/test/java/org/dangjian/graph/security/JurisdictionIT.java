package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.NodeType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jurisdictions (数据权限) on the sample: the test user {@code dongfeng} (VIEWER and EDITOR) and {@code
 * dongfeng-admin} have 东风大社区, the area. For every root field of the schema and every tie field,
 * read from the schema so that a new field cannot escape: nothing of 城北大社区 is seen or changed
 * (its nodes' ids never appear in an answer, the graph's fingerprint and 城北's nodes unchanged); and
 * inside 东风 the restricted user sees what an unrestricted one sees there.
 *
 * <p>What lies in 城北 and 东风 is computed here by a statement of the test's own (areas below the big
 * community, the organizations leading them and those below, the units located there, the members of
 * those organizations, the compounds, grids, projects, mediation organizations and resources placed
 * in those areas), not by the service's definition.
 */
@IntegrationTest
class JurisdictionIT {

    static final String DONGFENG = "area-c000-0000003";

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    Driver driver;

    @Autowired
    Jurisdictions jurisdictions;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    String chengbeiArea;
    Set<String> chengbei;
    Set<String> dongfeng;

    @BeforeEach
    void places() {
        assertThat(single("MATCH (a:Area {id: $id}) RETURN a.name AS n", Map.of("id", DONGFENG)))
                .isEqualTo("东风大社区");
        chengbeiArea = (String) single("MATCH (a:Area {name: '城北大社区'}) RETURN a.id AS n", Map.of());
        dongfeng = place(DONGFENG);
        chengbei = place(chengbeiArea);
        chengbei.removeAll(dongfeng);
        // a member of 城北 tied to 东风 too (working at a unit there, a worker of a grid there, a mediator
        // of its mediation organization, leading a rectification there) is 东风's to see
        try (var session = driver.session()) {
            chengbei.removeAll(
                    session.run("""
                            MATCH (p:Person) WHERE p.id IN $chengbei
                              AND (EXISTS { (p)--(n:Entity) WHERE n.id IN $dongfeng }
                                OR EXISTS { (p)--(x:Grid|MediationOrganization|Compound)--(n:Entity) WHERE n.id IN $dongfeng }
                                OR EXISTS { (p)<-[:LED_BY]-(:Rectification)<--(:Designation)<--(n:Entity) WHERE n.id IN $dongfeng })
                            RETURN p.id AS id""", Map.of("chengbei", List.copyOf(chengbei), "dongfeng", List.copyOf(dongfeng)))
                            .list(r -> r.get("id").asString()));
        }
        assertThat(chengbei).hasSizeGreaterThan(100);
        assertThat(dongfeng).hasSizeGreaterThan(100);
    }

    /** The test's own idea of a big community's nodes. */
    private Set<String> place(String area) {
        try (var session = driver.session()) {
            return new HashSet<>(
                    session.run("""
                    MATCH (top:Area {id: $area})
                    MATCH (a:Area)-[:PART_OF*0..8]->(top)
                    WITH collect(DISTINCT a) AS areas
                    CALL (areas) {
                      UNWIND areas AS a MATCH (o:PartyOrganization)-[:LEADS]->(a)
                      MATCH (s:PartyOrganization)-[:REPORTS_TO|MANAGED_BY*0..8]->(o) RETURN collect(DISTINCT s) AS orgs
                    }
                    CALL (areas) {
                      UNWIND areas AS a MATCH (u:Unit)-[:LOCATED_IN]->(a) RETURN u
                      UNION
                      UNWIND areas AS a MATCH (u:Unit)-[:LOCATED_IN]->(:Compound)-[:IN]->(a) RETURN u
                    }
                    WITH areas, orgs, collect(DISTINCT u) AS units
                    CALL (orgs) { UNWIND orgs AS o MATCH (p:Person)-[:MEMBER_OF]->(o) RETURN collect(DISTINCT p) AS people }
                    CALL (areas) {
                      UNWIND areas AS a MATCH (x)-[:IN|PART_OF|SERVES]->(a)
                      WHERE x:Compound OR x:Grid OR x:Project OR x:MediationOrganization OR x:Resource
                      RETURN collect(DISTINCT x) AS placed
                    }
                    RETURN [n IN areas + orgs + units + people + placed | n.id] AS ids""", Map.of("area", area)).single().get("ids").asList(v -> v.asString()));
        }
    }

    @Test
    void theServiceDefinitionHoldsWhatTheTestCallsDongfengAndNothingOfChengbei() {
        var inside = jurisdictions.inside(new Caller("t", Set.of(Role.VIEWER), Set.of(DONGFENG)));
        assertThat(inside.ids()).containsAll(dongfeng);
        assertThat(inside.ids()).doesNotContainAnyElementsOf(chengbei);
        assertThat(jurisdictions.inside(new Caller("t", Set.of(Role.VIEWER)))).isNull();
    }

    @Test
    void everyRootFieldKeepsChengbeiOutOfSightAndUnchanged() throws Exception {
        var schema = graphQlSource.schema();
        var before = GraphApi.fingerprint(driver);
        var chengbeiBefore = snapshot(chengbei);
        String org = (String) single("MATCH (o:PartyOrganization {name: '城北大社区党委'}) RETURN o.id AS n", Map.of());
        var wrong = new ArrayList<String>();
        int cells = 0;
        for (var root : List.of(schema.getQueryType(), schema.getMutationType())) {
            String operation = root == schema.getQueryType() ? "query" : "mutation";
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                // every id argument names a node of 城北 of a fitting type where the field is a lookup
                String id = idFor(field, org);
                for (boolean withScope : List.of(false, true)) {
                    if (withScope && field.getArgument("scope") == null) {
                        continue;
                    }
                    String document = operation + " { " + field.getName() + arguments(field, id, withScope)
                            + selection(field.getType(), 0) + " }";
                    for (String user : List.of("dongfeng", "dongfeng-admin")) {
                        cells++;
                        var response = send(GraphApi.basic(user), document);
                        String body = response.body();
                        var answer = json.readValue(body, Map.class);
                        String data = json.writeValueAsString(answer.get("data"));
                        String codes = codes(answer);
                        var seen = chengbei.stream()
                                .filter(data::contains)
                                .limit(3)
                                .toList();
                        if (response.statusCode() != 200 || codes.contains("INTERNAL") || !seen.isEmpty()) {
                            wrong.add(user + " " + field.getName() + (withScope ? " (scope 城北)" : "") + " → "
                                    + response.statusCode() + " " + codes + " saw " + seen);
                        }
                        boolean namesChengbei = withScope
                                || field.getArguments().stream()
                                        .anyMatch(a -> !a.getName().equals("scope") && mentionsId(a.getType()));
                        if (namesChengbei
                                && !field.getName().equals("node")
                                && !field.getName().equals("importJob") // another's job: null, as for a lookup
                                && !GraphQlAccess.LOOKUPS.contains(field.getName())
                                && !codes.matches(".*(NOT_FOUND|FORBIDDEN|VALIDATION).*")) {
                            wrong.add(user + " " + field.getName() + " named 城北 and was not refused: " + codes);
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(cells).isGreaterThan(2 * 60);
        assertThat(GraphApi.fingerprint(driver)).isEqualTo(before);
        assertThat(snapshot(chengbei)).isEqualTo(chengbeiBefore);
    }

    @Test
    void insideDongfengTheRestrictedUserSeesWhatAnUnrestrictedOneSees() throws Exception {
        var limits = jurisdictions.inside(new Caller("t", Set.of(Role.VIEWER), Set.of(DONGFENG)));
        var inside = limits.ids();
        // scoped questions: no scope for 东风 is the viewer's answer for scope 东风
        for (String question : List.of(
                "coverage { total organizational organizationalRate { value } groups { key total } }",
                "compoundCoverage { total byNone compounds { compound { id } } }",
                "gridCoverage { total withoutWorkers grids { __typename } }",
                "statistics { nodeTotal tieTotal nodes { type kind count } }",
                "weakOrganizationStats { total { designated identified rectifying rectified } }",
                "warningSigns(first: 50) { totalCount nodes { rule { code } organization { id } } }",
                "weakOrganizations { organization { id } status }",
                "unpairedAreas { area { id } }")) {
            String field = question.substring(0, question.indexOf(' ')).replaceAll("\\(.*", "");
            String scoped = question.contains("(")
                    ? question.replace("(", "(scope: \"" + DONGFENG + "\", ")
                    : question.replaceFirst(" \\{", "(scope: \"" + DONGFENG + "\") {");
            var mine = data("dongfeng", "{ " + question + " }").get(field);
            var theirs = data("viewer", "{ " + scoped + " }").get(field);
            assertThat(json.writeValueAsString(mine)).as(field).isEqualTo(json.writeValueAsString(theirs));
        }
        // lists of every type: the total and the page are the viewer's, less what lies outside
        for (NodeType type : GraphModel.nodeTypes()) {
            String doc = "{ " + type.listField() + "(first: 100, orderBy: ID_ASC) { totalCount nodes { id } } }";
            var mine = list(data("dongfeng", doc).get(type.listField()));
            long expected = GraphApi.count(
                    driver,
                    "MATCH (n:" + type.label()
                            + ") WHERE n.id IN $inside OR NOT EXISTS { (n)--() } RETURN count(n) AS n",
                    Map.of("inside", List.copyOf(inside)));
            assertThat(((Number) mine.get("totalCount")).longValue())
                    .as(type.label())
                    .isEqualTo(expected);
            // (nodes tied to nothing, which other tests leave behind, lie inside every jurisdiction)
            assertThat(ids(mine)).as(type.label()).allMatch(limits::contains);
        }
        // lookups of what lies inside answer as for the viewer; tie fields leave out the other ends outside
        String committee = (String) single("MATCH (o:PartyOrganization {name: '东风大社区党委'}) RETURN o.id AS n", Map.of());
        var type = (GraphQLObjectType) graphQlSource.schema().getType("PartyOrganization");
        var tieFields = type.getFieldDefinitions().stream()
                .filter(f -> GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLObjectType o
                        && o.getInterfaces().stream().anyMatch(i -> i.getName().equals("Tie")))
                .toList();
        assertThat(tieFields).hasSizeGreaterThan(5);
        for (var tieField : tieFields) {
            var tieType = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(tieField.getType());
            var ends = tieType.getFieldDefinitions().stream()
                    .filter(f -> GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLInterfaceType
                            || GraphModel.findNodeType(GraphQLTypeUtil.unwrapAll(f.getType())
                                            .getName())
                                    .isPresent())
                    .map(f -> f.getName() + " { id }")
                    .collect(Collectors.joining(" "));
            String doc = "{ partyOrganization(id: \"" + committee + "\") { " + tieField.getName()
                    + "(includeEnded: true) { id " + ends + " } } }";
            var mine = tieList(data("dongfeng", doc), tieField.getName());
            var theirs = tieList(data("viewer", doc), tieField.getName()).stream()
                    .filter(t -> endIds(t).stream().allMatch(inside::contains))
                    .toList();
            assertThat(mine).as(tieField.getName()).isEqualTo(theirs);
        }
        // the network around the committee keeps to the inside, and has the committee's inside neighbours
        var network = data(
                        "dongfeng",
                        "{ network(rootIds: [\"" + committee + "\"], depth: 2, limit: 2000) {"
                                + " nodes { id } edges { source target } } }")
                .get("network");
        var nodes = ids((Map<?, ?>) network);
        assertThat(nodes).contains(committee).allMatch(inside::contains).hasSizeGreaterThan(10);
    }

    @Test
    void theRestrictedEditorChangesInsideAndTheTrailSaysWithWhichJurisdiction() throws Exception {
        String community = (String) single(
                "MATCH (a:Area)-[:PART_OF]->(:Area {id: $id}) RETURN a.id AS n ORDER BY n LIMIT 1",
                Map.of("id", DONGFENG));
        String org = (String) single(
                "MATCH (o:PartyOrganization)-[:LEADS]->(:Area {id: $id}) RETURN o.id AS n", Map.of("id", community));
        // a new person (tied to nothing: inside every jurisdiction) joins an organization inside
        var person = data(
                        "dongfeng",
                        "mutation { createPerson(input: {name: \"辖区测试党员\", gender: MALE}) { person { id } } }")
                .get("createPerson");
        String personId = (String) ((Map<?, ?>) ((Map<?, ?>) person).get("person")).get("id");
        var tie = data(
                "dongfeng",
                "mutation { addTie(input: {kind: MEMBERSHIP, fromId: \"" + personId + "\", toId: \"" + org
                        + "\", since: \"2026-01-01\", status: FORMAL}) { tie { id } } }");
        assertThat(tie.get("addTie")).isNotNull();
        // the same person cannot be tied to 城北's committee
        String chengbeiOrg =
                (String) single("MATCH (o:PartyOrganization {name: '城北大社区党委'}) RETURN o.id AS n", Map.of());
        var refused = send(
                GraphApi.basic("dongfeng"),
                "mutation { addTie(input: {kind: MEMBERSHIP, fromId: \"" + personId + "\", toId: \"" + chengbeiOrg
                        + "\", since: \"2026-01-01\", status: FORMAL}) { tie { id } } }");
        assertThat(codes(json.readValue(refused.body(), Map.class))).contains("NOT_FOUND");
        // the administrator of 东风 reads the events about 东风, with the jurisdiction recorded
        var events = list(data(
                        "dongfeng-admin",
                        "{ auditEvents(filter: {touching: \"" + personId + "\"}, first: 20) { totalCount nodes {"
                                + " user operation success jurisdictions ids } } }")
                .get("auditEvents"));
        @SuppressWarnings("unchecked")
        var recorded = (List<Map<String, Object>>) events.get("nodes");
        assertThat(recorded)
                .anySatisfy(e -> {
                    assertThat(e.get("operation")).isEqualTo("addTie");
                    assertThat(e.get("success")).isEqualTo(true);
                    assertThat(e.get("jurisdictions")).isEqualTo(List.of(DONGFENG));
                })
                .allSatisfy(e -> assertThat(e.get("ids").toString()).doesNotContain(chengbeiOrg));
        // events about 城北 only are not listed to 东风's administrator; the whole trail's administrator sees them
        var all =
                list(data("admin", "{ auditEvents(first: 200) { totalCount } }").get("auditEvents"));
        var mine = list(data("dongfeng-admin", "{ auditEvents(first: 200) { totalCount } }")
                .get("auditEvents"));
        assertThat(((Number) mine.get("totalCount")).longValue())
                .isLessThan(((Number) all.get("totalCount")).longValue());
        try (var session = driver.session()) {
            session.run("MATCH (p:Person {id: $id}) DETACH DELETE p", Map.of("id", personId));
        }
    }

    @Test
    void tokensCarryJurisdictionsTheConsoleIsForTheWholeGraphAndExportsKeepInside() throws Exception {
        String token = "Bearer " + TestTokens.limited("token-dongfeng", List.of(DONGFENG), "viewer", "analyst");
        String chengbeiOrg =
                (String) single("MATCH (o:PartyOrganization {name: '城北大社区党委'}) RETURN o.id AS n", Map.of());
        var lookup = json.readValue(
                send(token, "{ partyOrganization(id: \"" + chengbeiOrg + "\") { id name } }")
                        .body(),
                Map.class);
        assertThat(((Map<?, ?>) lookup.get("data")).get("partyOrganization")).isNull();
        var unrestricted = json.readValue(
                send(
                                "Bearer " + TestTokens.valid("token-all", "viewer"),
                                "{ partyOrganization(id: \"" + chengbeiOrg + "\") { id } }")
                        .body(),
                Map.class);
        assertThat(((Map<?, ?>) unrestricted.get("data")).get("partyOrganization"))
                .isNotNull();
        var console = json.readValue(
                send(token, "{ cypher(query: \"RETURN 1\") { columns } }").body(), Map.class);
        assertThat(codes(console)).contains("FORBIDDEN");
        // an export of 城北 is refused as if it did not exist; 东风's has nothing of 城北
        var export = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exports/graph.json"))
                                .header("Authorization", GraphApi.basic("dongfeng"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains(DONGFENG);
        assertThat(chengbei.stream().filter(export.body()::contains).toList()).isEmpty();
        var outside = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/exports/graph.json?scope=" + chengbeiArea))
                                .header("Authorization", GraphApi.basic("dongfeng"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Object single(String cypher, Map<String, Object> params) {
        try (var session = driver.session()) {
            return session.run(cypher, params).single().get("n").asObject();
        }
    }

    private List<Object> snapshot(Set<String> ids) {
        try (var session = driver.session()) {
            return session.run(
                            "MATCH (n:Entity) WHERE n.id IN $ids WITH n ORDER BY n.id "
                                    + "RETURN collect([n {.*}, COUNT { (n)--() }]) AS n",
                            Map.of("ids", List.copyOf(ids)))
                    .single()
                    .get("n")
                    .asList(v -> v.toString());
        }
    }

    /** For a lookup, an id of 城北 of the field's type; for the rest, 城北's big-community committee. */
    private String idFor(GraphQLFieldDefinition field, String org) {
        var named = GraphModel.nodeTypes().stream()
                .filter(t -> t.lookupField().equals(field.getName()))
                .findFirst();
        if (named.isEmpty()) {
            return org;
        }
        try (var session = driver.session()) {
            var rows = session.run(
                            "MATCH (n:" + named.get().label()
                                    + ") WHERE n.id IN $ids RETURN n.id AS n ORDER BY n LIMIT 1",
                            Map.of("ids", List.copyOf(chengbei)))
                    .list();
            return rows.isEmpty() ? org : rows.getFirst().get("n").asString();
        }
    }

    private static boolean mentionsId(GraphQLInputType type) {
        var t = GraphQLTypeUtil.unwrapAll(type);
        if (t.getName().equals("ID")) {
            return true;
        }
        return t instanceof GraphQLInputObjectType input
                && input.getFieldDefinitions().stream()
                        .anyMatch(f -> GraphQLTypeUtil.isNonNull(f.getType())
                                && GraphQLTypeUtil.unwrapAll(f.getType())
                                        .getName()
                                        .equals("ID"));
    }

    private static String arguments(GraphQLFieldDefinition field, String id, boolean scope) {
        var given = field.getArguments().stream()
                .filter(a -> (a.getName().equals("scope") && scope)
                        || (!a.getName().equals("scope")
                                && ((GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue())
                                        || GraphQLTypeUtil.unwrapAll(a.getType())
                                                .getName()
                                                .equals("ID"))))
                .map(a -> a.getName() + ": " + value(a.getType(), id))
                .toList();
        return given.isEmpty() ? "" : "(" + String.join(", ", given) + ")";
    }

    private static String value(GraphQLInputType type, String id) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value((GraphQLInputType) nonNull.getWrappedType(), id);
        }
        if (type instanceof GraphQLList list) {
            var element = GraphQLTypeUtil.unwrapAll(list);
            return element.getName().equals("ID") ? "[\"" + id + "\"]" : "[]";
        }
        if (type instanceof GraphQLEnumType e) {
            return e.getValues().getFirst().getName();
        }
        if (type instanceof GraphQLInputObjectType input) {
            return input.getFieldDefinitions().stream()
                    .filter(f -> (GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue())
                            || GraphQLTypeUtil.unwrapAll(f.getType()).getName().equals("ID"))
                    .map(f -> f.getName() + ": " + value(f.getType(), id))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "ID" -> "\"" + id + "\"";
            case "String" -> "\"\"";
            case "Int" -> "1";
            case "Float" -> "1.0";
            case "Boolean" -> "false";
            case "Date" -> "\"2026-01-01\"";
            case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
            case "JSON" -> "{}";
            default -> throw new IllegalStateException("no value for " + type);
        };
    }

    /**
     * What to select of a field's type: its scalar fields and, two levels down, its object fields
     * (connections, nodes, ties, their ends), so that any id that leaks shows in the answer.
     */
    private static String selection(GraphQLOutputType type, int depth) {
        var t = GraphQLTypeUtil.unwrapAll(type);
        if (!(t instanceof GraphQLFieldsContainer container)) {
            return "";
        }
        var parts = new ArrayList<String>();
        parts.add("__typename");
        for (var f : container.getFieldDefinitions()) {
            boolean needsArgs = f.getArguments().stream()
                    .anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue());
            if (needsArgs) {
                continue;
            }
            if (container.getName().equals("ImportProblem") && f.getName().equals("value")) {
                continue; // the text of the user's own row, as they typed it (an id of 城北 among them)
            }
            var inner = GraphQLTypeUtil.unwrapAll(f.getType());
            if (inner instanceof GraphQLScalarType || inner instanceof GraphQLEnumType) {
                if (List.of("ID", "String", "JSON").contains(inner.getName()) || depth == 0) {
                    parts.add(f.getName());
                }
            } else if (depth < 2) {
                parts.add(f.getName() + selection(f.getType(), depth + 1));
            }
        }
        return " { " + String.join(" ", parts) + " }";
    }

    @SuppressWarnings("unchecked")
    private static String codes(Map<?, ?> answer) {
        Object raw = answer.get("errors");
        var errors = raw == null ? List.<Map<String, Object>>of() : (List<Map<String, Object>>) raw;
        return errors.stream()
                .map(e -> String.valueOf(((Map<String, Object>) e.getOrDefault("extensions", Map.of())).get("code")))
                .collect(Collectors.joining(","));
    }

    private HttpResponse<String> send(String authorization, String document) throws Exception {
        return GraphApi.post(port, authorization, document, Map.of());
    }

    /** The data of a query that must answer without errors. */
    private Map<?, ?> data(String user, String document) throws Exception {
        var answer = json.readValue(send(GraphApi.basic(user), document).body(), Map.class);
        assertThat(answer.get("errors")).as(user + " " + document).isNull();
        return (Map<?, ?>) answer.get("data");
    }

    private static Map<?, ?> list(Object connection) {
        return (Map<?, ?>) connection;
    }

    private static List<String> ids(Map<?, ?> connection) {
        return ((List<?>) connection.get("nodes"))
                .stream().map(n -> (String) ((Map<?, ?>) n).get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tieList(Map<?, ?> data, String field) {
        var org = (Map<String, Object>) data.get("partyOrganization");
        return (List<Map<String, Object>>) org.get(field);
    }

    private static Set<String> endIds(Map<String, Object> tie) {
        var out = new TreeSet<String>();
        tie.values().forEach(v -> {
            if (v instanceof Map<?, ?> end && end.get("id") instanceof String id) {
                out.add(id);
            }
        });
        return out;
    }
}
