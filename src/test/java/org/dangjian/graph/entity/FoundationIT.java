package org.dangjian.graph.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dangjian.graph.entity.GraphApi.fingerprint;
import static org.dangjian.graph.entity.GraphApi.ok;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dangjian.graph.GraphFixture;
import org.dangjian.graph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The foundation's promises, end to end through GraphQL over HTTP against the embedded Neo4j. */
@IntegrationTest
class FoundationIT extends GraphFixture {

    @LocalServerPort
    int port;

    String create(String type, String fields) {
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        return ok(
                api,
                "mutation { create%s(input: {%s}) { %s { id } } }".formatted(type, fields, field),
                "create" + type + "." + field + ".id",
                String.class);
    }

    String tie(String kind, String from, String to, String extra) {
        return ok(
                api,
                "mutation { addTie(input: {kind: %s, fromId: \"%s\", toId: \"%s\" %s}) { tie { id } } }"
                        .formatted(kind, from, to, extra),
                "addTie.tie.id",
                String.class);
    }

    @Test
    void aUserBuildsATownToAPersonWithAPostAndReadsItBackNestedAndBySearch() {
        String town = create("Area", "name: \"测试镇%s\", kind: TOWN".formatted(t));
        String big = create("Area", "name: \"滨江大社区%s\", kind: BIG_COMMUNITY".formatted(t));
        String committee =
                create("PartyOrganization", "name: \"滨江大社区党委%s\", kind: COMMITTEE, sector: BIG_COMMUNITY".formatted(t));
        String unit = create("Unit", "name: \"海韵物业有限公司%s\", kind: PROPERTY_COMPANY, staffCount: 40".formatted(t));
        String person = create("Person", "name: \"林晓梅\", gender: FEMALE");
        tie("AREA_INCLUSION", big, town, "since: \"2019-03-01\"");
        tie("PAIRING", unit, big, "");
        tie(
                "POST",
                person,
                committee,
                ", role: PART_TIME_MEMBER, onBehalfOfId: \"%s\", since: \"2020-01-01\"".formatted(unit));
        tie("EMPLOYMENT", person, unit, ", position: \"党支部书记\"");

        api.document("""
                query($id: ID!) { area(id: $id) { name kind parts { since area { name pairedBy { partner { id } } } } } }""")
                .variable("id", town)
                .execute()
                .path("area.parts[0].area.name")
                .entity(String.class)
                .isEqualTo("滨江大社区" + t)
                .path("area.parts[0].since")
                .entity(String.class)
                .isEqualTo("2019-03-01")
                .path("area.parts[0].area.pairedBy[0].partner.id")
                .entity(String.class)
                .isEqualTo(unit);

        api.document("""
                query($id: ID!) { partyOrganization(id: $id) { posts { role since onBehalfOf { name kind }
                  person { name employments { unit { name } position } } } } }""")
                .variable("id", committee)
                .execute()
                .path("partyOrganization.posts[0].role")
                .entity(String.class)
                .isEqualTo("PART_TIME_MEMBER")
                .path("partyOrganization.posts[0].onBehalfOf.name")
                .entity(String.class)
                .isEqualTo("海韵物业有限公司" + t)
                .path("partyOrganization.posts[0].person.employments[0].position")
                .entity(String.class)
                .isEqualTo("党支部书记");

        api.document("query($t: String!) { search(text: $t) { node { id name __typename } } }")
                .variable("t", "滨江大社区" + t)
                .execute()
                .path("search[*].node.id")
                .entityList(String.class)
                .contains(big, committee);
        api.document("{ search(text: \"海韵物业\", types: [UNIT]) { node { __typename } } }")
                .execute()
                .path("search[*].node.__typename")
                .entityList(String.class)
                .contains("Unit")
                .doesNotContain("Area");
    }

    @Test
    void tiesAreReadAsOfADateAndEndingOneKeepsItAsHistory() {
        String org = create("PartyOrganization", "name: \"史料支部%s\", kind: BRANCH, sector: TWO_NEW".formatted(t));
        String person = create("Person", "name: \"王建国\"");
        String membership = tie("MEMBERSHIP", person, org, ", status: FORMAL, since: \"2019-01-01\"");
        ok(
                api,
                "mutation { endTie(input: {id: \"%s\", until: \"2023-07-01\"}) { tie { id } } }".formatted(membership),
                "endTie.tie.id",
                String.class);

        String document = "query($id: ID!, $asOf: Date, $all: Boolean) { partyOrganization(id: $id) "
                + "{ members(asOf: $asOf, includeEnded: $all) { until active person { name } } } }";
        api.document(document)
                .variable("id", org)
                .variable("asOf", "2020-06-01")
                .execute()
                .path("partyOrganization.members")
                .entityList(Object.class)
                .hasSize(1);
        api.document(document)
                .variable("id", org)
                .execute()
                .path("partyOrganization.members")
                .entityList(Object.class)
                .hasSize(0);
        api.document(document)
                .variable("id", org)
                .variable("all", true)
                .execute()
                .path("partyOrganization.members[0].until")
                .entity(String.class)
                .isEqualTo("2023-07-01")
                .path("partyOrganization.members[0].active")
                .entity(Boolean.class)
                .isEqualTo(false);
        api.document(document)
                .variable("id", org)
                .variable("asOf", "2023-07-01")
                .execute()
                .path("partyOrganization.members")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void listsPageWithKeysetCursorsAndATotalCount() {
        for (int i = 7; i >= 1; i--) {
            create("Unit", "name: \"翻页%s-%d\", kind: NON_PUBLIC_ENTERPRISE".formatted(t, i));
        }
        List<String> names = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 10; pages++) {
            var response = api.document("""
                    query($after: String, $text: String) { units(nameContains: $text, first: 3, after: $after,
                      kinds: [NON_PUBLIC_ENTERPRISE]) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }""")
                    .variable("after", after)
                    .variable("text", "翻页" + t)
                    .execute();
            response.path("units.totalCount").entity(Integer.class).isEqualTo(7);
            names.addAll(response.path("units.nodes[*].name")
                    .entityList(String.class)
                    .get());
            if (!response.path("units.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) {
                break;
            }
            after = response.path("units.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        assertThat(names).hasSize(7).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aNestedRequestCostsTheSameFewStatementsWhateverItsSize() {
        long small = statementsForTownWithCommunities(3);
        long large = statementsForTownWithCommunities(12);
        assertThat(large).isEqualTo(small);
        // one for the town with its parts (read with it), one per tie field below them (pairedBy, partOf)
        assertThat(small).isEqualTo(3);
    }

    @Test
    void aLookupReadsItsTieFieldsInItsOwnStatementWithTheAnswersOfTheLoaders() {
        String org = create("PartyOrganization", "name: \"一句支部%s\", kind: BRANCH, sector: TWO_NEW".formatted(t));
        String now = create("Person", "name: \"在册党员\"");
        String past = create("Person", "name: \"转出党员\"");
        String sub = create("PartyOrganization", "name: \"一句小组%s\", kind: BRANCH, sector: TWO_NEW".formatted(t));
        tie("MEMBERSHIP", now, org, ", status: FORMAL, since: \"2019-01-01\"");
        tie("MEMBERSHIP", past, org, ", status: FORMAL, since: \"2015-01-01\", until: \"2020-01-01\"");
        tie("REPORTING_LINE", sub, org, "");
        String fields =
                "name current: members { person { name } } then: members(asOf: \"2018-06-01\") { person { name } }"
                        + " all: members(includeEnded: true) { until person { name } } subordinates { organization { name } }";
        long before = graph.statementCount();
        var primed = api.document("query($id: ID!) { partyOrganization(id: $id) { " + fields + " } }")
                .variable("id", org)
                .execute()
                .path("partyOrganization")
                .entity(Map.class)
                .get();
        assertThat(graph.statementCount() - before).isEqualTo(1);
        // the same fields through the generic lookup, whose tie fields go through their loaders
        before = graph.statementCount();
        var loaded = api.document("query($id: ID!) { node(id: $id) { ... on PartyOrganization { " + fields + " } } }")
                .variable("id", org)
                .execute()
                .path("node")
                .entity(Map.class)
                .get();
        // the node, then the members at each of three (date, all) pairs and the subordinates
        assertThat(graph.statementCount() - before).isEqualTo(1 + 3 + 1);
        assertThat(primed).isEqualTo(loaded);
        assertThat(primed.toString()).contains("在册党员", "转出党员", "一句小组");
        assertThat((List<?>) primed.get("current")).hasSize(1);
        assertThat((List<?>) primed.get("then")).hasSize(1);
        assertThat((List<?>) primed.get("all")).hasSize(2);
    }

    private long statementsForTownWithCommunities(int communities) {
        String town = create("Area", "name: \"计数镇%s-%d\", kind: TOWN".formatted(t, communities));
        for (int i = 0; i < communities; i++) {
            String c = create("Area", "name: \"计数社区%d\", kind: COMMUNITY".formatted(i));
            tie("AREA_INCLUSION", c, town, "");
            String organ = create("Unit", "name: \"计数机关%d\", kind: GOVERNMENT_ORGAN".formatted(i));
            tie("PAIRING", organ, c, "");
        }
        long before = graph.statementCount();
        api.document("""
                query($id: ID!) { area(id: $id) { parts { area { name partOf { parent { name } }
                  pairedBy { program partner { name } } } } } }""")
                .variable("id", town)
                .execute()
                .path("area.parts")
                .entityList(Object.class)
                .hasSize(communities);
        return graph.statementCount() - before;
    }

    @Test
    void deletingANodeWithTiesNeedsDetach() {
        String a = create("Area", "name: \"删除社区%s\", kind: COMMUNITY".formatted(t));
        String g = create("Grid", "name: \"删除网格%s\"".formatted(t));
        tie("GRID_AREA", g, a, "");
        var before = fingerprint(driver);
        api.document("mutation($id: ID!) { deleteNode(input: {id: $id}) { id } }")
                .variable("id", a)
                .execute()
                .errors()
                .expect(e -> "CONFLICT".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(fingerprint(driver)).isEqualTo(before);
        api.document("mutation($id: ID!) { deleteNode(input: {id: $id, detach: true}) { tiesDeleted } }")
                .variable("id", a)
                .execute()
                .path("deleteNode.tiesDeleted")
                .entity(Integer.class)
                .isEqualTo(1);
        api.document("query($id: ID!) { node(id: $id) { id } }")
                .variable("id", a)
                .execute()
                .path("node")
                .valueIsNull();
    }

    @Test
    void queriesWorkOverGetAndMutationsOverGetAreRefused() throws Exception {
        var http = HttpClient.newHttpClient();
        var query = URLEncoder.encode("{ areas(first: 1) { totalCount } }", StandardCharsets.UTF_8);
        var ok = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query=" + query))
                        .header("Accept", "application/graphql-response+json")
                        .header("Authorization", GraphApi.basic("viewer"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/graphql-response+json");
        assertThat(ok.body()).contains("totalCount");

        var before = fingerprint(driver);
        var mutation = URLEncoder.encode(
                "mutation { createGrid(input: {name: \"GET网格\"}) { grid { id } } }", StandardCharsets.UTF_8);
        var refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query=" + mutation))
                        .header("Authorization", GraphApi.basic("admin"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.body()).contains("POST");
        assertThat(fingerprint(driver)).isEqualTo(before);
    }

    @Test
    void unexpectedFailuresReachClientsWithoutInternals() {
        api.document("{ units(first: 20, after: \"not-a-cursor\") { totalCount } }")
                .execute()
                .errors()
                .expect(e -> e.getMessage().contains("cursor")
                        && "VALIDATION".equals(e.getExtensions().get("code")))
                .verify();
    }

    Map<String, String> fixture() {
        String org = create(
                "PartyOrganization", "name: \"校验党委%s\", kind: COMMITTEE, sector: TOWN, code: \"V-%s\"".formatted(t, t));
        String branch = create("PartyOrganization", "name: \"校验支部%s\", kind: BRANCH, sector: COMMUNITY".formatted(t));
        String person = create("Person", "name: \"赵卫东\"");
        String unit = create("Unit", "name: \"校验单位%s\", kind: SOCIAL_ORGANIZATION".formatted(t));
        String area = create("Area", "name: \"校验社区%s\", kind: COMMUNITY, code: \"A-%s\"".formatted(t, t));
        tie("REPORTING_LINE", branch, org, "");
        String membership = tie("MEMBERSHIP", person, branch, ", status: FORMAL, since: \"2020-01-01\"");
        String ended = tie("EMPLOYMENT", person, unit, ", since: \"2018-01-01\", until: \"2019-01-01\"");
        return Map.of(
                "org",
                org,
                "branch",
                branch,
                "person",
                person,
                "unit",
                unit,
                "area",
                area,
                "membership",
                membership,
                "ended",
                ended,
                "t",
                t);
    }

    @Test
    void everyInvalidMutationIsRefusedWithItsCodeAndChangesNothing() {
        var f = fixture();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("createArea(input: {name: \"  \", kind: COMMUNITY}) { area { id } }", "VALIDATION");
        cases.put("createArea(input: {name: \"重复\", kind: COMMUNITY, code: \"A-{t}\"}) { area { id } }", "CONFLICT");
        cases.put(
                "createUnit(input: {name: \"负数\", kind: NON_PUBLIC_ENTERPRISE, staffCount: -1}) { unit { id } }",
                "VALIDATION");
        cases.put("updateArea(input: {id: \"area-missing\", name: \"x\"}) { area { id } }", "NOT_FOUND");
        cases.put("updateArea(input: {id: \"{area}\", name: null}) { area { id } }", "VALIDATION");
        cases.put("updateArea(input: {id: \"{unit}\", name: \"类型不符\"}) { area { id } }", "NOT_FOUND");
        cases.put(
                "updatePartyOrganization(input: {id: \"{branch}\", code: \"V-{t}\"}) { partyOrganization { id } }",
                "CONFLICT");
        cases.put(
                "addTie(input: {kind: MEMBERSHIP, fromId: \"person-missing\", toId: \"{branch}\", status: FORMAL}) { tie { id } }",
                "NOT_FOUND");
        cases.put(
                "addTie(input: {kind: MEMBERSHIP, fromId: \"{area}\", toId: \"{branch}\", status: FORMAL}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: MEMBERSHIP, fromId: \"{person}\", toId: \"{org}\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: MEMBERSHIP, fromId: \"{person}\", toId: \"{org}\", status: FORMAL, since: \"2021-01-01\", until: \"2020-01-01\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: MEMBERSHIP, fromId: \"{person}\", toId: \"{branch}\", status: FORMAL}) { tie { id } }",
                "CONFLICT");
        cases.put(
                "addTie(input: {kind: REPORTING_LINE, fromId: \"{org}\", toId: \"{branch}\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: REPORTING_LINE, fromId: \"{org}\", toId: \"{org}\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: POST, fromId: \"{person}\", toId: \"{org}\", role: PART_TIME_MEMBER}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: POST, fromId: \"{person}\", toId: \"{org}\", role: PART_TIME_MEMBER, onBehalfOfId: \"unit-missing\"}) { tie { id } }",
                "NOT_FOUND");
        cases.put(
                "addTie(input: {kind: POST, fromId: \"{person}\", toId: \"{org}\", role: SECRETARY, onBehalfOfId: \"{unit}\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: ESTABLISHMENT, fromId: \"{branch}\", toId: \"{unit}\", mode: \"INDUSTRY\"}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: GRID_ASSIGNMENT, fromId: \"{person}\", toId: \"{area}\", workerKind: TWO_NEW}) { tie { id } }",
                "VALIDATION");
        cases.put(
                "addTie(input: {kind: PAIRING, fromId: \"{unit}\", toId: \"{area}\", status: FORMAL}) { tie { id } }",
                "VALIDATION");
        cases.put("endTie(input: {id: \"membership-missing\"}) { tie { id } }", "NOT_FOUND");
        cases.put("endTie(input: {id: \"{ended}\"}) { tie { id } }", "CONFLICT");
        cases.put("endTie(input: {id: \"{membership}\", until: \"2019-12-31\"}) { tie { id } }", "VALIDATION");
        cases.put("deleteNode(input: {id: \"{person}\"}) { id }", "CONFLICT");
        cases.put("deleteNode(input: {id: \"nothing-here\"}) { id }", "NOT_FOUND");

        for (var c : cases.entrySet()) {
            String mutation = c.getKey();
            for (var e : f.entrySet()) {
                mutation = mutation.replace("{" + e.getKey() + "}", e.getValue());
            }
            var before = fingerprint(driver);
            String expected = c.getValue();
            String document = "mutation { " + mutation + " }";
            api.document(document)
                    .execute()
                    .errors()
                    .expect(e -> expected.equals(e.getExtensions().get("code"))
                            && !e.getMessage().isBlank())
                    .verify();
            assertThat(fingerprint(driver)).as(document).isEqualTo(before);
        }
    }

    /**
     * Searching among one type finds every match of that type, not the few among the index's first hits:
     * 60 short unit names outscore 30 longer organization names for the same word.
     */
    @Test
    void searchByTypeFindsEveryMatchOfThatType() {
        cypher("""
                UNWIND range(1, 60) AS i CREATE (:Entity:Unit {id: 'unit-s' + $t + '-' + i, name: '检索' + $t, kind: 'SOCIAL_ORGANIZATION'})""");
        cypher("""
                UNWIND range(1, 30) AS i CREATE (:Entity:PartyOrganization {id: 'org-s' + $t + '-' + i,
                  name: '检索' + $t + '第' + i + '个两新组织联合党支部', kind: 'BRANCH', sector: 'TWO_NEW'})""");
        String query =
                "query($q: String!, $f: Int) { search(text: $q, types: [PARTY_ORGANIZATION], first: $f) { node { id __typename } } }";
        api.document(query)
                .variable("q", "检索" + t)
                .variable("f", 5)
                .execute()
                .path("search[*].node.__typename")
                .entityList(String.class)
                .hasSize(5)
                .satisfies(types -> assertThat(types).containsOnly("PartyOrganization"));
        api.document(query)
                .variable("q", "检索" + t)
                .variable("f", 500)
                .execute()
                .path("search[*].node.id")
                .entityList(String.class)
                .hasSize(30);
        // among two types, each type's own index (migration V0010) gives its hits, merged by score
        api.document(
                        "query($q: String!) { search(text: $q, types: [UNIT, PARTY_ORGANIZATION], first: 500) { node { __typename } } }")
                .variable("q", "检索" + t)
                .execute()
                .path("search[*].node.__typename")
                .entityList(String.class)
                .hasSize(90)
                .satisfies(types -> assertThat(types).containsOnly("Unit", "PartyOrganization"));
        assertThat(GraphApi.count(
                        driver,
                        "SHOW FULLTEXT INDEXES YIELD name, state WHERE name STARTS WITH 'nameSearch' AND state = 'ONLINE'"
                                + " RETURN count(*) AS n",
                        Map.of()))
                .isEqualTo(1 + SearchRepository.OWN_INDEX.size());
    }
}
