package org.dangjian.graph.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dangjian.graph.IntegrationTest;
import org.dangjian.graph.entity.GraphApi;
import org.dangjian.graph.model.GraphModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Every figure of the report (docs/domain.md), asked through the public GraphQL API of the sample graph
 * that the service loads into its empty database. One test per sentence of the report.
 */
@IntegrationTest
class ReportFiguresIT {

    static final String AS_OF = "2020-03-01";

    @Autowired
    HttpGraphQlTester graphQl;

    HttpGraphQlTester api;

    @BeforeEach
    void setUp() {
        api = GraphApi.patient(graphQl);
    }

    String id(String listField, String name) {
        return api.document("query($n: String) { %s(nameContains: $n, first: 5) { nodes { id name } } }"
                        .formatted(listField))
                .variable("n", name)
                .execute()
                .path(listField + ".nodes[?(@.name == '" + name + "')].id")
                .entityList(String.class)
                .get()
                .getFirst();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> statistics(String scope, String asOf) {
        return api.document("""
                query($scope: ID, $asOf: Date) { statistics(scope: $scope, asOf: $asOf) {
                  nodes { type kind category count } ties { relType fromType toType detail count starts ends }
                  measures { population households disputesSettled servedPerYear projectHouseholds projectSignedHouseholds } } }""")
                .variable("scope", scope)
                .variable("asOf", asOf)
                .execute()
                .path("statistics")
                .entity(Map.class)
                .get();
    }

    @SuppressWarnings("unchecked")
    static long nodes(Map<String, Object> stats, String type, String kind, String category) {
        return ((List<Map<String, Object>>) stats.get("nodes"))
                .stream()
                        .filter(n -> n.get("type").equals(GraphModel.enumName(type)))
                        .filter(n -> kind == null || kind.equals(n.get("kind")))
                        .filter(n -> category == null || category.equals(n.get("category")))
                        .mapToLong(n -> ((Number) n.get("count")).longValue())
                        .sum();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ties(Map<String, Object> stats, String relType, String fromType, String detail) {
        return ((List<Map<String, Object>>) stats.get("ties"))
                .stream()
                        .filter(t -> t.get("relType").equals(relType)
                                && t.get("fromType").equals(GraphModel.enumName(fromType)))
                        .filter(t -> detail == null || detail.equals(t.get("detail")))
                        .toList();
    }

    static long sum(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToLong(r -> ((Number) r.get(key)).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    static long measure(Map<String, Object> stats, String name) {
        return ((Number) ((Map<String, Object>) stats.get("measures")).get(name)).longValue();
    }

    @Test
    @DisplayName("在城区那大镇设立东风、大同、城北、西干、东干等5个大社区党委")
    void naDaTownHasFiveBigCommunityCommittees() {
        var stats = statistics(id("areas", "那大镇"), AS_OF);
        assertThat(nodes(stats, "PartyOrganization", null, "BIG_COMMUNITY")).isEqualTo(5);
        assertThat(nodes(stats, "Area", "BIG_COMMUNITY", null)).isEqualTo(5);
        var names = api.document("{ partyOrganizations(nameContains: \"大社区党委\", first: 10) { nodes { name } } }")
                .execute()
                .path("partyOrganizations.nodes[*].name")
                .entityList(String.class)
                .get();
        assertThat(names).containsExactlyInAnyOrder("东风大社区党委", "大同大社区党委", "城北大社区党委", "西干大社区党委", "东干大社区党委");
    }

    @Test
    @DisplayName("市委两新组织工委牵头抓总……建立11个行业党委和5个综合党委")
    void theTwoNewWorkingCommitteeLeadsElevenIndustryAndFiveComprehensiveCommittees() {
        var stats = statistics(id("partyOrganizations", "市委两新组织工委"), AS_OF);
        assertThat(nodes(stats, "PartyOrganization", null, "INDUSTRY")).isEqualTo(11);
        assertThat(nodes(stats, "PartyOrganization", null, "COMPREHENSIVE")).isEqualTo(5);
    }

    @Test
    @DisplayName("对城区那大镇48个住宅商业小区、19个农贸市场、11个超市，设卡设点值守")
    void naDaTownHas48Compounds19MarketsAnd11Supermarkets() {
        var stats = statistics(id("areas", "那大镇"), AS_OF);
        assertThat(nodes(stats, "Compound", "RESIDENTIAL", null) + nodes(stats, "Compound", "COMMERCIAL", null))
                .isEqualTo(48);
        assertThat(nodes(stats, "Compound", "FARMERS_MARKET", null)).isEqualTo(19);
        assertThat(nodes(stats, "Compound", "SUPERMARKET", null)).isEqualTo(11);
    }

    @Test
    @DisplayName("以城市建成区范围内23个社区、村、居为基本单元，划分成124个网格责任区")
    void builtUpAreaHas124GridsOver23CommunitiesWithWorkersOfEveryKind() {
        var stats = statistics(id("areas", "那大镇"), AS_OF);
        assertThat(nodes(stats, "Grid", null, null)).isEqualTo(124);
        var gridAreas = ties(stats, "PART_OF", "Grid", null);
        assertThat(sum(gridAreas, "count")).isEqualTo(124);
        assertThat(sum(gridAreas, "ends")).isEqualTo(23);
        assertThat(ties(stats, "GRID_WORKER_FOR", "Person", null).stream().map(t -> t.get("detail")))
                .containsExactlyInAnyOrder(
                        "TOWN_LEADER", "COMMUNITY_STAFF", "CONTRACTING_UNIT", "FUNCTIONAL_DEPARTMENT", "TWO_NEW");
    }

    @Test
    @DisplayName("全市组建各类调解组织328个，配备调解员1775名……调处各类社会矛盾纠纷1852起")
    void theCityHas328MediationOrganizations1775MediatorsAnd1852Disputes() {
        var stats = statistics(id("areas", "儋州市"), AS_OF);
        assertThat(nodes(stats, "MediationOrganization", null, null)).isEqualTo(328);
        assertThat(sum(ties(stats, "MEDIATOR_OF", "Person", null), "starts")).isEqualTo(1775);
        assertThat(measure(stats, "disputesSettled")).isEqualTo(1852);
    }

    @Test
    @DisplayName("整顿软弱涣散社区党组织3个，市直机关单位47个，两新组织党组织15个")
    void weakOrganizationsRectified3Community47OrganAnd15TwoNew() {
        // Scoped to the city: other tests designate fixture organizations of their own.
        var stats = statistics(id("areas", "儋州市"), AS_OF);
        assertThat(nodes(stats, "Designation", "WEAK", "COMMUNITY")).isEqualTo(3);
        assertThat(nodes(stats, "Designation", "WEAK", "ORGAN")).isEqualTo(47);
        assertThat(nodes(stats, "Designation", "WEAK", "TWO_NEW")).isEqualTo(15);
        assertThat(nodes(stats, "Rectification", "RECTIFIED", null)).isEqualTo(65);
    }

    /** Besides the report's, the sample holds designations of 2026 still open, so the workflow can be seen. */
    @Test
    @DisplayName("样例中有2026年认定、尚在整顿的软弱涣散党组织")
    void theWorkflowIsAliveToday() {
        String city = id("areas", "儋州市");
        var rectifying = api.document("""
                        query($s: ID) { weakOrganizations(scope: $s, status: RECTIFYING) {
                          designation { since } rectification { progress } leaders { name } supporters { id } } }""")
                .variable("s", city)
                .execute()
                .path("weakOrganizations")
                .entityList(Object.class)
                .get();
        assertThat(rectifying).hasSize(5);
        api.document(
                        "query($s: ID) { weakOrganizations(scope: $s, status: RECTIFYING) { rectification { progress } leaders { name } } }")
                .variable("s", city)
                .execute()
                .path("weakOrganizations[0].rectification.progress")
                .entityList(String.class)
                .satisfies(p -> assertThat(p).hasSize(2).allMatch(line -> line.startsWith("2026-")));
        api.document("query($s: ID) { weakOrganizations(scope: $s, status: IDENTIFIED) { organization { name } } }")
                .variable("s", city)
                .execute()
                .path("weakOrganizations")
                .entityList(Object.class)
                .hasSize(2);
        // As of the report's date they did not exist yet: the report's figures hold (the test above).
        api.document(
                        "query($s: ID) { weakOrganizations(scope: $s, status: RECTIFYING, asOf: \"2020-03-01\") { organization { name } } }")
                .variable("s", city)
                .execute()
                .path("weakOrganizations")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    @DisplayName("创建社区党建示范点2个，机关党建示范点6个，两新组织党建示范点5个")
    void demonstrationSites2Community6OrganAnd5TwoNew() {
        // Scoped to the city: other tests designate fixture organizations of their own.
        var stats = statistics(id("areas", "儋州市"), AS_OF);
        assertThat(nodes(stats, "Designation", "DEMONSTRATION", "COMMUNITY")).isEqualTo(2);
        assertThat(nodes(stats, "Designation", "DEMONSTRATION", "ORGAN")).isEqualTo(6);
        assertThat(nodes(stats, "Designation", "DEMONSTRATION", "TWO_NEW")).isEqualTo(5);
    }

    @Test
    @DisplayName("城北社区有近3.5万人口，总面积约为2.53平方公里")
    void chengbeiHas35000PeopleOn2point53SquareKilometres() {
        api.document("query($id: ID!) { area(id: $id) { population areaKm2 } }")
                .variable("id", id("areas", "城北社区"))
                .execute()
                .path("area.population")
                .entity(Integer.class)
                .isEqualTo(35_000)
                .path("area.areaKm2")
                .entity(Double.class)
                .isEqualTo(2.53);
    }

    @Test
    @DisplayName("城北大社区党委和市社会组织综合党委以“七中心、一基地、一热线”为抓手……一年来服务群众13000人次")
    void chengbeiHasSevenCentresOneBaseOneHotlineServing13000CoRunByTwoCommittees() {
        var stats = statistics(id("areas", "城北社区"), AS_OF);
        assertThat(nodes(stats, "Resource", "SERVICE_CENTRE", null)).isEqualTo(7);
        assertThat(nodes(stats, "Resource", "BASE", null)).isEqualTo(1);
        assertThat(nodes(stats, "Resource", "HOTLINE", null)).isEqualTo(1);
        assertThat(measure(stats, "servedPerYear")).isEqualTo(13_000);
        var providers = api.document("""
                { resources(nameContains: "12345", first: 1) { nodes { providers { provider { name } } } } }""")
                .execute()
                .path("resources.nodes[0].providers[*].provider.name")
                .entityList(String.class)
                .get();
        assertThat(providers).containsExactlyInAnyOrder("城北大社区党委", "市社会组织综合党委");
    }

    @Test
    @DisplayName("动员组织4571名机关党员干部、878名两新组织党组织党员……1411支一线防控网格队伍和党员突击队")
    void theEpidemicMobilised4571Cadres878TwoNewMembersAnd1411Teams() {
        var stats = statistics(id("areas", "儋州市"), AS_OF);
        assertThat(sum(ties(stats, "MOBILIZED_FOR", "Person", "ORGAN_CADRE"), "starts"))
                .isEqualTo(4571);
        assertThat(sum(ties(stats, "MOBILIZED_FOR", "Person", "TWO_NEW_MEMBER"), "starts"))
                .isEqualTo(878);
        assertThat(sum(ties(stats, "MOBILIZED_FOR", "Resource", null), "starts"))
                .isEqualTo(1411);
        // The mobilisation ended: as of a later date those ties are history.
        var later = statistics(id("areas", "儋州市"), "2020-06-01");
        assertThat(ties(later, "MOBILIZED_FOR", "Person", null)).isEmpty();
    }

    @Test
    @DisplayName("番园棚户区改造项目……共改造户数492户约1700人……仅用3个半月签约率达到95.1%")
    void fanyuanRenewal492Households1700People95point1PercentSignedIn3andHalfMonths() {
        api.document(
                        "{ projects(nameContains: \"番园\") { nodes { households residents signedRate reportedSignedRate signingDays branches { branch { name } } } } }")
                .execute()
                .path("projects.nodes[0].households")
                .entity(Integer.class)
                .isEqualTo(492)
                .path("projects.nodes[0].residents")
                .entity(Integer.class)
                .isEqualTo(1700)
                .path("projects.nodes[0].signedRate")
                .entity(Double.class)
                .satisfies(r -> assertThat(r).isBetween(0.9505, 0.9515))
                .path("projects.nodes[0].reportedSignedRate")
                .entity(Double.class)
                .isEqualTo(0.951)
                .path("projects.nodes[0].signingDays")
                .entity(Integer.class)
                .satisfies(d -> assertThat(d).isBetween(100, 110))
                .path("projects.nodes[0].branches")
                .entityList(Object.class)
                .hasSize(1);
    }

    @Test
    @DisplayName("那大镇王桐王龙城中村改造项目……涉及约452户居民……协议签约数量404户，签约率90.79%")
    void wangtongWanglongRenewal452Households404Signed() {
        api.document(
                        "{ projects(nameContains: \"王桐王龙\") { nodes { households signedHouseholds signedRate reportedSignedRate } } }")
                .execute()
                .path("projects.nodes[0].households")
                .entity(Integer.class)
                .isEqualTo(452)
                .path("projects.nodes[0].signedHouseholds")
                .entity(Integer.class)
                .isEqualTo(404)
                .path("projects.nodes[0].reportedSignedRate")
                .entity(Double.class)
                .isEqualTo(0.9079)
                // The API computes its own rate from the households, as docs/domain.md asks.
                .path("projects.nodes[0].signedRate")
                .entity(Double.class)
                .isEqualTo(0.8938);
    }

    @Test
    @DisplayName("吸纳辖区单位……以及业委会、物业企业中的党员负责人担任兼职委员")
    void everyBigCommunityCommitteeHasPartTimeMembersRepresentingUnitsOfItsArea() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> committees =
                api.document("""
                { partyOrganizations(nameContains: "大社区党委", first: 10) { nodes { name
                    leadsAreas { area { id } }
                    posts { role onBehalfOf { name locatedIn { place { ... on Area { partOf { parent { id } } } } } } } } } }""").execute().path("partyOrganizations.nodes").entityList(Map.class).get().stream()
                        .map(m -> (Map<String, Object>) m)
                        .toList();
        assertThat(committees).hasSize(5);
        for (var committee : committees) {
            String bigArea = (String) ((Map<String, Object>)
                            ((Map<String, Object>) ((List<?>) committee.get("leadsAreas")).getFirst()).get("area"))
                    .get("id");
            var partTime = ((List<Map<String, Object>>) committee.get("posts"))
                    .stream()
                            .filter(p -> "PART_TIME_MEMBER".equals(p.get("role")))
                            .toList();
            assertThat(partTime).as(committee.get("name").toString()).isNotEmpty();
            for (var post : partTime) {
                var unit = (Map<String, Object>) post.get("onBehalfOf");
                var parents = ((List<Map<String, Object>>) unit.get("locatedIn"))
                        .stream()
                                .map(l -> (Map<String, Object>) l.get("place"))
                                .flatMap(p -> ((List<Map<String, Object>>) p.get("partOf")).stream())
                                .map(p -> ((Map<String, Object>) p.get("parent")).get("id"))
                                .filter(Objects::nonNull)
                                .toList();
                assertThat(parents)
                        .as(unit.get("name") + " lies in " + committee.get("name") + "'s area")
                        .contains(bigArea);
            }
        }
    }

    @Test
    @DisplayName("开展机关单位和社区“双联双帮双带”结对共建活动")
    void cityOrgansArePairedWithEveryCommunity() {
        var stats = statistics(id("areas", "那大镇"), AS_OF);
        var pairings = ties(stats, "PAIRED_WITH", "Unit", "双联双帮双带").stream()
                .filter(t -> t.get("toType").equals("AREA"))
                .toList();
        assertThat(sum(pairings, "ends")).isEqualTo(23);
        assertThat(sum(pairings, "count")).isGreaterThan(23);
    }
}
