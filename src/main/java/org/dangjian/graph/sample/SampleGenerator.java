package org.dangjian.graph.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.TieType;

/**
 * Generates the report's city (儋州市, city 0) and, for larger scales, further cities of the same
 * shape, deterministically: the same seed and scale give the same graph, ids included. Named
 * entities come from the report; everything around them is generated so that the report's figures
 * hold (see docs/domain.md). City by city, so memory stays bounded whatever the scale.
 */
public final class SampleGenerator {

    /** The scales of docs/domain.md, as a number of cities of the sample's shape. */
    public enum Scale {
        SAMPLE(1),
        CITY(10),
        PROVINCE(100);

        final int cities;

        Scale(int cities) {
            this.cities = cities;
        }
    }

    static final LocalDate STRUCTURE_SINCE = LocalDate.of(2017, 1, 1);
    static final LocalDate EPIDEMIC_START = LocalDate.of(2020, 1, 25);
    static final LocalDate EPIDEMIC_END = LocalDate.of(2020, 4, 30);

    // The report's figures (docs/domain.md); the generator builds exactly these for city 0.
    static final int COMPOUNDS_RESIDENTIAL = 40;
    static final int COMPOUNDS_COMMERCIAL = 8;
    static final int FARMERS_MARKETS = 19;
    static final int SUPERMARKETS = 11;
    static final int GRIDS = 124;
    static final int MEDIATION_ORGANIZATIONS = 328;
    static final int MEDIATORS = 1775;
    static final int DISPUTES_SETTLED = 1852;
    static final int ORGAN_CADRES_MOBILIZED = 4571;
    static final int TWO_NEW_MEMBERS_MOBILIZED = 878;
    static final int GRID_TEAMS = 1200;
    static final int COMMANDO_TEAMS = 211;
    static final int[] WEAK_RECTIFIED = {3, 47, 15};
    static final int[] DEMONSTRATION = {2, 6, 5};

    // Shape of the generated parts.
    static final int NON_PUBLIC_ENTERPRISES = 280;
    static final int SOCIAL_ORGANIZATIONS = 70;
    static final int PROPERTY_COMPANIES = 50;
    static final int STANDALONE_COVERED = 250;
    static final int JOINT_BRANCHES = 20;
    static final int UNITS_PER_JOINT_BRANCH = 5;
    static final int INSTRUCTED = 15;
    static final int PAIRED_ONLY = 10;
    static final int SHOULD_BUILD = 8;

    private final long seed;
    private final Scale scale;
    private final GraphSink sink;

    public SampleGenerator(long seed, Scale scale, GraphSink sink) {
        this.seed = seed;
        this.scale = scale;
        this.sink = sink;
    }

    public void generate() {
        for (int city = 0; city < scale.cities; city++) {
            new City(city, new SplittableRandom(seed * 1_000_003L + city)).build();
        }
    }

    /** One city; city 0 is 儋州市 with the report's names, the others are named after their number. */
    private final class City {

        final int number;
        final SplittableRandom random;
        final Names names;
        final String prefix;
        final Map<String, Integer> counters = new HashMap<>();
        int tieCounter;

        // What later sections tie to.
        String cityArea, town, cityCommittee, townCommittee, twoNewCommittee, organCommittee, socialComprehensive;
        final List<String> bigAreas = new ArrayList<>(), bigCommittees = new ArrayList<>();
        final List<String> grassroots = new ArrayList<>(), grassrootsOrgs = new ArrayList<>();
        final List<Integer> grassrootsBig = new ArrayList<>();
        final List<String> industryCommittees = new ArrayList<>();
        final List<String> organUnits = new ArrayList<>(), organOrgs = new ArrayList<>();
        final List<List<String>> organMembers = new ArrayList<>();
        final List<String> twoNewOrgs = new ArrayList<>();
        final List<List<String>> twoNewMembers = new ArrayList<>();
        final List<String> compounds = new ArrayList<>(), propertyCompanies = new ArrayList<>();
        final List<String> ownersCommittees = new ArrayList<>();
        final Map<String, List<String>> unitsByArea = new HashMap<>();
        final Map<String, String> orgOfUnit = new HashMap<>();
        final Map<String, String> secretaryOf = new HashMap<>();
        final List<String> townLeaders = new ArrayList<>();
        final List<String> otherVillages = new ArrayList<>();

        City(int number, SplittableRandom random) {
            this.number = number;
            this.random = random;
            this.names = new Names(random);
            this.prefix = number == 0 ? "" : "样例" + (number + 1) + "市";
        }

        void build() {
            areas();
            committees();
            organs();
            twoNew();
            places();
            grids();
            resources();
            pairings();
            projects();
            mediation();
            designations();
            epidemic();
            liveWorkflow();
        }

        // ---- areas and the territorial hierarchy ------------------------------------------------

        void areas() {
            String cityName = number == 0 ? "儋州市" : prefix;
            cityArea = area(cityName, "CITY", null, null);
            town = area(name("那大镇"), "TOWN", null, null);
            tie("AREA_INCLUSION", town, cityArea, STRUCTURE_SINCE);
            cityCommittee = org(cityName + "委", "COMMITTEE", "CITY", null);
            tie("AREA_LEADERSHIP", cityCommittee, cityArea, STRUCTURE_SINCE);
            townCommittee = org(name("那大镇党委"), "COMMITTEE", "TOWN", cityCommittee);
            tie("AREA_LEADERSHIP", townCommittee, town, STRUCTURE_SINCE);
            for (int b = 0; b < Names.BIG_COMMUNITIES.size(); b++) {
                String big = area(name(Names.BIG_COMMUNITIES.get(b) + "大社区"), "BIG_COMMUNITY", null, null);
                tie("AREA_INCLUSION", big, town, LocalDate.of(2018, 6, 1));
                String committee =
                        org(name(Names.BIG_COMMUNITIES.get(b) + "大社区党委"), "COMMITTEE", "BIG_COMMUNITY", townCommittee);
                tie("AREA_LEADERSHIP", committee, big, LocalDate.of(2018, 6, 1));
                bigAreas.add(big);
                bigCommittees.add(committee);
                for (String c : Names.COMMUNITIES.get(b)) {
                    String kind = c.endsWith("村") ? "VILLAGE" : c.endsWith("居") ? "NEIGHBOURHOOD" : "COMMUNITY";
                    boolean chengbei = c.equals("城北社区");
                    String community = area(
                            name(c),
                            kind,
                            chengbei ? 35_000 : 4_000 + random.nextInt(20_000),
                            chengbei ? 2.53 : 0.8 + random.nextInt(300) / 100.0);
                    tie("AREA_INCLUSION", community, big, LocalDate.of(2018, 6, 1));
                    String org = org(
                            name(c + (kind.equals("VILLAGE") ? "党总支" : "党委")),
                            kind.equals("VILLAGE") ? "GENERAL_BRANCH" : "COMMITTEE",
                            "COMMUNITY",
                            committee);
                    tie("AREA_LEADERSHIP", org, community, STRUCTURE_SINCE);
                    members(org, 20 + random.nextInt(40), null);
                    grassroots.add(community);
                    grassrootsOrgs.add(org);
                    grassrootsBig.add(b);
                }
            }
            // Other towns of the city: villages that mediation organizations also serve.
            for (String t : List.of("中和镇", "白马井镇", "南丰镇")) {
                String other = area(name(t), "TOWN", null, null);
                tie("AREA_INCLUSION", other, cityArea, STRUCTURE_SINCE);
                String committee = org(name(t + "党委"), "COMMITTEE", "TOWN", cityCommittee);
                tie("AREA_LEADERSHIP", committee, other, STRUCTURE_SINCE);
                for (int v = 1; v <= 3; v++) {
                    String village = area(
                            name(t.substring(0, t.length() - 1) + "第" + v + "村"),
                            "VILLAGE",
                            1_500 + random.nextInt(3_000),
                            null);
                    tie("AREA_INCLUSION", village, other, STRUCTURE_SINCE);
                    otherVillages.add(village);
                }
            }
            for (int i = 0; i < 8; i++) {
                String leader = person();
                post(
                        leader,
                        townCommittee,
                        i == 0 ? "SECRETARY" : i == 1 ? "DEPUTY_SECRETARY" : "COMMITTEE_MEMBER",
                        null);
                townLeaders.add(leader);
            }
            if (number == 0) {
                // The city committee's secretary is the one person the report names.
                String secretary = node("Person", Map.of("name", "袁光平"));
                post(secretary, cityCommittee, "SECRETARY", null);
            }
        }

        // ---- the working committees and the industry and comprehensive committees ---------------

        void committees() {
            twoNewCommittee = org(name("市委两新组织工委"), "WORKING_COMMITTEE", "TWO_NEW_WORKING_COMMITTEE", cityCommittee);
            organCommittee = org(name("市直机关工委"), "WORKING_COMMITTEE", "ORGAN", cityCommittee);
            for (String industry : Names.INDUSTRIES) {
                industryCommittees.add(org(name("市" + industry + "行业党委"), "COMMITTEE", "INDUSTRY", twoNewCommittee));
            }
            for (String c : Names.COMPREHENSIVE) {
                String id = org(name(c), "COMMITTEE", "COMPREHENSIVE", twoNewCommittee);
                industryCommittees.add(id);
                if (c.equals("市社会组织综合党委")) {
                    socialComprehensive = id;
                }
            }
            for (String c : industryCommittees) {
                members(c, 3 + random.nextInt(5), null);
            }
        }

        // ---- government organs, institutions and state-owned enterprises ----------------------

        void organs() {
            List<String> all = new ArrayList<>();
            all.addAll(Names.ORGANS);
            all.addAll(Names.INSTITUTIONS);
            all.addAll(Names.SOES);
            for (int i = 0; i < all.size(); i++) {
                boolean organ = i < Names.ORGANS.size();
                boolean institution = !organ && i < Names.ORGANS.size() + Names.INSTITUTIONS.size();
                String kind =
                        organ ? "GOVERNMENT_ORGAN" : institution ? "PUBLIC_INSTITUTION" : "STATE_OWNED_ENTERPRISE";
                String sector = organ ? "ORGAN" : institution ? "INSTITUTION" : "STATE_ENTERPRISE";
                String unit = unit(name(all.get(i)), kind, grassroots.get(random.nextInt(grassroots.size())));
                boolean big = organ && i < 4;
                String org = org(
                        name(all.get(i) + (big ? "机关党委" : "党支部")),
                        big ? "COMMITTEE" : "BRANCH",
                        sector,
                        organCommittee);
                establish(org, unit, "STANDALONE");
                int size = organ ? 80 + random.nextInt(20) : 15 + random.nextInt(20);
                var members = members(org, size, unit);
                if (organ) {
                    organUnits.add(unit);
                    organOrgs.add(org);
                    organMembers.add(members);
                }
            }
        }

        // ---- two-new organizations and their coverage ------------------------------------------

        void twoNew() {
            List<String[]> units = new ArrayList<>();
            for (int i = 0; i < NON_PUBLIC_ENTERPRISES; i++) {
                units.add(new String[] {names.company(i), "NON_PUBLIC_ENTERPRISE"});
            }
            for (int i = 0; i < SOCIAL_ORGANIZATIONS; i++) {
                units.add(new String[] {names.social(i), "SOCIAL_ORGANIZATION"});
            }
            for (int i = 0; i < PROPERTY_COMPANIES; i++) {
                units.add(new String[] {names.propertyCompany(i), "PROPERTY_COMPANY"});
            }
            // Shuffle deterministically so that every kind has covered and uncovered units.
            for (int i = units.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                var t = units.get(i);
                units.set(i, units.get(j));
                units.set(j, t);
            }
            int next = 0;
            for (; next < STANDALONE_COVERED; next++) {
                var u = units.get(next);
                String area = randomGrassroots();
                String unit = unit(name(u[0]), u[1], area);
                String org = twoNewOrg(u[0] + "党支部", area);
                establish(org, unit, "STANDALONE");
                twoNewMembers.add(members(org, 4 + random.nextInt(6), unit));
                if (u[1].equals("PROPERTY_COMPANY")) {
                    propertyCompanies.add(unit);
                }
            }
            for (int b = 0; b < JOINT_BRANCHES; b++) {
                String area = randomGrassroots();
                String org = twoNewOrg(name("联合党支部（" + (b + 1) + "）"), area);
                List<String> memberUnits = new ArrayList<>();
                for (int k = 0; k < UNITS_PER_JOINT_BRANCH; k++, next++) {
                    var u = units.get(next);
                    String unit = unit(name(u[0]), u[1], area);
                    establish(org, unit, "JOINT");
                    memberUnits.add(unit);
                    if (u[1].equals("PROPERTY_COMPANY")) {
                        propertyCompanies.add(unit);
                    }
                }
                var members = members(org, 4 + random.nextInt(6), null);
                for (String m : members) {
                    employ(m, memberUnits.get(random.nextInt(memberUnits.size())));
                }
                twoNewMembers.add(members);
            }
            for (int i = 0; i < INSTRUCTED; i++, next++) {
                var u = units.get(next);
                String unit = unit(name(u[0]), u[1], randomGrassroots());
                var organ = organMembers.get(random.nextInt(organMembers.size()));
                tie("INSTRUCTION", organ.get(random.nextInt(organ.size())), unit, LocalDate.of(2019, 3, 1));
                trackPropertyCompany(u, unit);
            }
            for (int i = 0; i < PAIRED_ONLY; i++, next++) {
                var u = units.get(next);
                int a = random.nextInt(grassroots.size());
                String unit = unit(name(u[0]), u[1], grassroots.get(a));
                tie("PAIRING", unit, grassrootsOrgs.get(a), LocalDate.of(2019, 6, 1), "program", "双联双帮双带");
                trackPropertyCompany(u, unit);
            }
            for (int i = 0; i < SHOULD_BUILD; i++, next++) {
                var u = units.get(next);
                int a = random.nextInt(grassroots.size());
                String unit = unit(name(u[0]), u[1], grassroots.get(a));
                // Formal members work here but belong to their community's organization.
                for (int k = 0; k < 3 + random.nextInt(3); k++) {
                    String p = person();
                    tie(
                            "MEMBERSHIP",
                            p,
                            grassrootsOrgs.get(a),
                            LocalDate.of(2015 + random.nextInt(4), 7, 1),
                            "status",
                            "FORMAL");
                    employ(p, unit);
                }
                trackPropertyCompany(u, unit);
            }
            for (; next < units.size(); next++) {
                var u = units.get(next);
                String unit = unit(name(u[0]), u[1], randomGrassroots());
                trackPropertyCompany(u, unit);
            }
        }

        void trackPropertyCompany(String[] u, String unit) {
            if (u[1].equals("PROPERTY_COMPANY")) {
                propertyCompanies.add(unit);
            }
        }

        String twoNewOrg(String orgName, String area) {
            String manager = industryCommittees.get(random.nextInt(industryCommittees.size()));
            String org = org(orgName, "BRANCH", "TWO_NEW", manager);
            tie("MANAGEMENT", org, manager, STRUCTURE_SINCE, "mode", "INDUSTRY");
            tie(
                    "MANAGEMENT",
                    org,
                    grassrootsOrgs.get(grassroots.indexOf(area)),
                    STRUCTURE_SINCE,
                    "mode",
                    "TERRITORIAL");
            twoNewOrgs.add(org);
            return org;
        }

        // ---- compounds, markets, supermarkets, owners' committees, part-time members -----------

        void places() {
            int kaiyuanArea = grassroots.indexOf(areaNamed("东风社区"));
            for (int i = 0; i < COMPOUNDS_RESIDENTIAL + COMPOUNDS_COMMERCIAL; i++) {
                boolean kaiyuan = i == 0;
                String kind = i < COMPOUNDS_RESIDENTIAL ? "RESIDENTIAL" : "COMMERCIAL";
                int a = kaiyuan ? kaiyuanArea : random.nextInt(grassroots.size());
                String compound = compound(
                        kaiyuan ? name("凯源小区") : name(names.compound(i)),
                        kind,
                        grassroots.get(a),
                        100 + random.nextInt(900));
                compounds.add(compound);
                tie(
                        "COMPOUND_MANAGEMENT",
                        compound,
                        propertyCompanies.get(i % propertyCompanies.size()),
                        LocalDate.of(2016 + random.nextInt(4), 1, 1));
                if (i % 2 == 0 || kaiyuan) {
                    String committee =
                            unit(name(nameOfCompound(i, kaiyuan) + "业主委员会"), "OWNERS_COMMITTEE", grassroots.get(a));
                    tie("OWNERS_COMMITTEE", compound, committee, LocalDate.of(2018, 1, 1));
                    ownersCommittees.add(committee);
                    // Most owners' committees have Party members among their members.
                    if (i % 6 != 0) {
                        for (int k = 0; k < 1 + random.nextInt(2); k++) {
                            String p = person();
                            tie(
                                    "MEMBERSHIP",
                                    p,
                                    grassrootsOrgs.get(a),
                                    LocalDate.of(2010 + random.nextInt(8), 7, 1),
                                    "status",
                                    "FORMAL");
                            employ(p, committee);
                            secretaryOf.putIfAbsent(committee, p);
                        }
                    }
                }
            }
            for (int i = 0; i < FARMERS_MARKETS; i++) {
                int a = i % grassroots.size();
                compounds.add(compound(
                        name(nameOf(a) + "农贸市场" + (i < grassroots.size() ? "" : "二")),
                        "FARMERS_MARKET",
                        grassroots.get(a),
                        null));
            }
            for (int i = 0; i < SUPERMARKETS; i++) {
                compounds.add(compound(name(names.supermarket(i)), "SUPERMARKET", randomGrassroots(), null));
            }
            // Part-time members of each big-community committee, on behalf of units of its area.
            for (int b = 0; b < bigCommittees.size(); b++) {
                List<String> candidates = new ArrayList<>();
                for (int g = 0; g < grassroots.size(); g++) {
                    if (grassrootsBig.get(g) == b) {
                        candidates.addAll(unitsByArea.getOrDefault(grassroots.get(g), List.of()));
                    }
                }
                candidates.removeIf(u -> !secretaryOf.containsKey(u));
                int count = Math.min(candidates.size(), 5 + random.nextInt(4));
                for (int k = 0; k < count; k++) {
                    String unit = candidates.get((k * 7 + b) % candidates.size());
                    String person = secretaryOf.get(unit);
                    if (overlapFree(person, bigCommittees.get(b))) {
                        post(person, bigCommittees.get(b), "PART_TIME_MEMBER", unit);
                    }
                }
                post(person(), bigCommittees.get(b), "SECRETARY", null);
                post(person(), bigCommittees.get(b), "DEPUTY_SECRETARY", null);
            }
        }

        final java.util.Set<String> partTimeSeats = new java.util.HashSet<>();

        boolean overlapFree(String person, String committee) {
            return partTimeSeats.add(person + committee);
        }

        String nameOfCompound(int i, boolean kaiyuan) {
            return kaiyuan ? "凯源小区" : "小区" + (i + 1);
        }

        // ---- grids and grid workers ------------------------------------------------------------

        void grids() {
            int[] perArea = new int[grassroots.size()];
            for (int g = 0; g < GRIDS; g++) {
                perArea[g < grassroots.size() ? g : random.nextInt(grassroots.size())]++;
            }
            int n = 0;
            List<String> residential = compounds.subList(0, COMPOUNDS_RESIDENTIAL + COMPOUNDS_COMMERCIAL);
            for (int a = 0; a < grassroots.size(); a++) {
                for (int k = 0; k < perArea[a]; k++, n++) {
                    String grid =
                            node("Grid", props("name", name(nameOf(a) + "第" + (k + 1) + "网格"), "code", code("G", n)));
                    tie("GRID_AREA", grid, grassroots.get(a), LocalDate.of(2019, 1, 1));
                    if (n < residential.size()) {
                        tie("GRID_COMPOUND", grid, residential.get(n), LocalDate.of(2019, 1, 1));
                    }
                    gridWorker(person(), grid, "COMMUNITY_STAFF");
                    gridWorker(townLeaders.get(n % townLeaders.size()), grid, "TOWN_LEADER");
                    int o = random.nextInt(organUnits.size());
                    tie("GRID_CONTRACT", organUnits.get(o), grid, LocalDate.of(2019, 1, 1));
                    gridWorker(pick(organMembers.get(o)), grid, "CONTRACTING_UNIT");
                    if (n % 2 == 0) {
                        gridWorker(
                                pick(organMembers.get(random.nextInt(organMembers.size()))),
                                grid,
                                "FUNCTIONAL_DEPARTMENT");
                    }
                    if (n % 3 == 0) {
                        gridWorker(pick(twoNewMembers.get(random.nextInt(twoNewMembers.size()))), grid, "TWO_NEW");
                    }
                }
            }
        }

        void gridWorker(String person, String grid, String kind) {
            tie("GRID_ASSIGNMENT", person, grid, LocalDate.of(2019, 1, 1), "kind", kind);
        }

        String pick(List<String> ids) {
            return ids.get(random.nextInt(ids.size()));
        }

        // ---- resources: 城北's seven centres, base and hotline, and each community's centre ----

        void resources() {
            String chengbei = areaNamed("城北社区");
            String chengbeiCommittee = bigCommittees.get(Names.BIG_COMMUNITIES.indexOf("城北"));
            List<String[]> chengbeiResources = List.of(
                    new String[] {"党建服务中心", "SERVICE_CENTRE"},
                    new String[] {"社区老人日间照料中心", "SERVICE_CENTRE"},
                    new String[] {"社区文体活动中心", "SERVICE_CENTRE"},
                    new String[] {"社区便民服务中心", "SERVICE_CENTRE"},
                    new String[] {"妇女儿童活动中心", "SERVICE_CENTRE"},
                    new String[] {"残疾人康复中心", "SERVICE_CENTRE"},
                    new String[] {"青少年活动中心", "SERVICE_CENTRE"},
                    new String[] {"社会组织孵化及社会创新实践基地", "BASE"},
                    new String[] {"12345市民服务热线", "HOTLINE"});
            int[] served = {3000, 1800, 1500, 2200, 1100, 600, 900, 400, 1500}; // 13,000 in a year
            for (int i = 0; i < chengbeiResources.size(); i++) {
                var r = chengbeiResources.get(i);
                String resource =
                        node("Resource", props("name", name("城北" + r[0]), "kind", r[1], "servedPerYear", served[i]));
                tie("SERVICE", resource, chengbei, LocalDate.of(2019, 1, 1));
                tie("PROVISION", chengbeiCommittee, resource, LocalDate.of(2019, 1, 1));
                tie("PROVISION", socialComprehensive, resource, LocalDate.of(2019, 1, 1));
            }
            for (int a = 0; a < grassroots.size(); a++) {
                if (grassroots.get(a).equals(chengbei)) {
                    continue;
                }
                String centre = node(
                        "Resource",
                        props(
                                "name",
                                name(nameOf(a) + "党群服务中心"),
                                "kind",
                                "SERVICE_CENTRE",
                                "servedPerYear",
                                800 + random.nextInt(3000)));
                tie("SERVICE", centre, grassroots.get(a), LocalDate.of(2018, 1, 1));
                tie("PROVISION", grassrootsOrgs.get(a), centre, LocalDate.of(2018, 1, 1));
                String team = node("Resource", props("name", name(nameOf(a) + "志愿服务队"), "kind", "VOLUNTEER_TEAM"));
                tie("SERVICE", team, grassroots.get(a), LocalDate.of(2019, 3, 1));
                tie("PROVISION", organUnits.get(random.nextInt(organUnits.size())), team, LocalDate.of(2019, 3, 1));
            }
        }

        // ---- twin-link pairings of organs and communities ("双联双帮双带") --------------------

        void pairings() {
            for (int a = 0; a < grassroots.size(); a++) {
                int count = 2 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    int o = (a * 5 + k * 11) % organUnits.size();
                    tie("PAIRING", organUnits.get(o), grassroots.get(a), LocalDate.of(2019, 6, 1), "program", "双联双帮双带");
                }
            }
        }

        // ---- renewal projects with a branch on site -------------------------------------------

        void projects() {
            project("番园棚户区改造项目", "SHANTY_TOWN_RENEWAL", 492, 1700, 468, 0.951, LocalDate.of(2019, 3, 1), 105, 272.0);
            project(
                    "王桐王龙城中村改造项目",
                    "URBAN_VILLAGE_RENEWAL",
                    452,
                    1600,
                    404,
                    0.9079,
                    LocalDate.of(2019, 9, 1),
                    30,
                    796.87);
        }

        void project(
                String projectName,
                String kind,
                int households,
                int residents,
                int signed,
                double reported,
                LocalDate start,
                int days,
                double mu) {
            String project = node(
                    "Project",
                    props(
                            "name",
                            name(projectName),
                            "kind",
                            kind,
                            "code",
                            code("P", counter("P")),
                            "households",
                            households,
                            "residents",
                            residents,
                            "signedHouseholds",
                            signed,
                            "reportedSignedRate",
                            reported,
                            "signingStartedOn",
                            start,
                            "signingDays",
                            days,
                            "landAreaMu",
                            mu));
            tie("PROJECT_AREA", project, grassroots.get(random.nextInt(grassroots.size())), start);
            String branch = org(name(projectName.replace("项目", "") + "项目临时党支部"), "BRANCH", "PROJECT", townCommittee);
            tie("PROJECT_BRANCH", project, branch, start);
            post(townLeaders.get(2), branch, "SECRETARY", null);
            for (int k = 0; k < 6; k++) {
                var organ = organMembers.get(random.nextInt(organMembers.size()));
                post(organ.get(random.nextInt(organ.size())), branch, "COMMITTEE_MEMBER", null);
            }
        }

        // ---- people's mediation -----------------------------------------------------------------

        void mediation() {
            List<String> places = new ArrayList<>(grassroots);
            places.addAll(otherVillages);
            places.add(town);
            // Every organization has at least one mediator; the rest, and the disputes, spread at random.
            int[] mediators = spread(MEDIATION_ORGANIZATIONS, MEDIATORS, 1);
            int[] disputes = spread(MEDIATION_ORGANIZATIONS, DISPUTES_SETTLED, 0);
            for (int i = 0; i < MEDIATION_ORGANIZATIONS; i++) {
                String place = places.get(i % places.size());
                String org = node(
                        "MediationOrganization",
                        props(
                                "name",
                                name(nameOfArea(place) + "人民调解委员会"
                                        + (i < places.size() ? "" : "（" + (i / places.size() + 1) + "）")),
                                "code",
                                code("M", i),
                                "disputesSettled",
                                disputes[i]));
                tie("MEDIATION_AREA", org, place, STRUCTURE_SINCE);
                for (int k = 0; k < mediators[i]; k++) {
                    tie("MEDIATION", person(), org, LocalDate.of(2017 + random.nextInt(3), 1, 1));
                }
            }
        }

        /** Splits a total over n parts, each at least min, deterministically at random. */
        int[] spread(int n, int total, int min) {
            int[] parts = new int[n];
            java.util.Arrays.fill(parts, min);
            for (int left = total - n * min; left > 0; left--) {
                parts[random.nextInt(n)]++;
            }
            return parts;
        }

        // ---- weak organizations rectified, and demonstration sites ----------------------------

        void designations() {
            List<List<String>> pools = List.of(grassrootsOrgs, organOrgs, twoNewOrgs);
            String[] categories = {"COMMUNITY", "ORGAN", "TWO_NEW"};
            String chengbeiOrg = grassrootsOrgs.get(grassroots.indexOf(areaNamed("城北社区")));
            for (int c = 0; c < 3; c++) {
                var pool = pools.get(c);
                // Demonstration sites from the start of the list, weak ones from the end: never both.
                for (int k = 0; k < DEMONSTRATION[c]; k++) {
                    String org = c == 0 && k == 0 ? chengbeiOrg : pool.get(k + (c == 0 ? 1 : 0));
                    String d = node(
                            "Designation",
                            props(
                                    "name",
                                    "示范点：" + nameOfOrg(org),
                                    "type",
                                    "DEMONSTRATION",
                                    "category",
                                    categories[c],
                                    "since",
                                    LocalDate.of(2019, 12, 1)));
                    tie("DESIGNATION", org, d, LocalDate.of(2019, 12, 1));
                }
                for (int k = 0; k < WEAK_RECTIFIED[c]; k++) {
                    String org = pool.get(pool.size() - 1 - k);
                    LocalDate since = LocalDate.of(2019, 6 + random.nextInt(3), 1 + random.nextInt(28));
                    LocalDate accepted = since.plusDays(120 + random.nextInt(60));
                    String d = weak(
                            org,
                            categories[c],
                            since,
                            accepted,
                            List.of(random.nextBoolean() ? "班子不健全" : "组织生活不规范", "作用发挥不明显"),
                            "结合主题教育整顿");
                    String r = node(
                            "Rectification",
                            props(
                                    "name",
                                    "整顿：" + nameOfOrg(org),
                                    "status",
                                    "RECTIFIED",
                                    "plan",
                                    "一支部一方案，结对帮扶",
                                    "since",
                                    since.plusDays(7),
                                    "acceptedOn",
                                    accepted));
                    tie("RECTIFICATION", d, r, since.plusDays(7));
                    tie("LEADERSHIP", r, townLeaders.get(k % townLeaders.size()), since.plusDays(7));
                    tie("SUPPORT", r, organUnits.get((k * 3 + c) % organUnits.size()), since.plusDays(7));
                }
            }
        }

        /** A weak-organization designation of an organization (open when {@code until} is null), tied to it. */
        String weak(String org, String category, LocalDate since, LocalDate until, List<String> reasons, String note) {
            String d = node(
                    "Designation",
                    props(
                            "name", "软弱涣散：" + nameOfOrg(org),
                            "type", "WEAK",
                            "category", category,
                            "since", since,
                            "until", until,
                            "reasons", reasons,
                            "note", note));
            tie("DESIGNATION", org, d, since);
            return d;
        }

        // ---- the workflow alive: designations of 2026, identified or under rectification --------

        /**
         * Besides the report's rectified ones (all accepted by 2020), a few organizations designated weak
         * in 2026 and not yet accepted: some identified, some under rectification with a leader, a
         * supporting unit and dated progress notes, so that the workflow can be seen in progress. Chosen
         * without the random source (the middle of each pool, away from the report's weak ones at the
         * end and the demonstration sites at the start), so every figure before them is unchanged.
         */
        void liveWorkflow() {
            List<List<String>> pools = List.of(grassrootsOrgs, organOrgs, twoNewOrgs);
            String[] categories = {"COMMUNITY", "ORGAN", "TWO_NEW"};
            int[][] plan = {{1, 1}, {1, 2}, {0, 2}}; // per category: identified, rectifying
            for (int c = 0; c < 3; c++) {
                var pool = pools.get(c);
                int at = pool.size() / 2;
                for (int k = 0; k < plan[c][0] + plan[c][1]; k++) {
                    String org = pool.get(at + k);
                    boolean rectifying = k >= plan[c][0];
                    LocalDate since = LocalDate.of(2026, 6 + k, 10 + c);
                    String d = weak(
                            org, categories[c], since, null, List.of(k % 2 == 0 ? "组织生活不规范" : "班子不健全"), "2026年排查认定");
                    String r = node(
                            "Rectification",
                            props(
                                    "name",
                                    "整顿：" + nameOfOrg(org),
                                    "status",
                                    rectifying ? "RECTIFYING" : "IDENTIFIED",
                                    "plan",
                                    rectifying ? "一支部一方案，结对帮扶" : null,
                                    "since",
                                    rectifying ? since.plusDays(14) : null,
                                    "progress",
                                    rectifying
                                            ? List.of(
                                                    since.plusDays(20) + "：召开专题组织生活会，查摆问题",
                                                    since.plusDays(45) + "：补选支部委员，健全班子")
                                            : null));
                    tie("RECTIFICATION", d, r, since);
                    if (rectifying) {
                        tie("LEADERSHIP", r, townLeaders.get(k % townLeaders.size()), since.plusDays(14));
                        tie("SUPPORT", r, organUnits.get((k * 5 + c) % organUnits.size()), since.plusDays(14));
                    }
                }
            }
        }

        // ---- the epidemic response --------------------------------------------------------------

        void epidemic() {
            String campaign = node("Campaign", props("name", name("新冠肺炎疫情防控"), "startedOn", EPIDEMIC_START));
            int organ = 0;
            outer:
            for (var members : organMembers) {
                for (String m : members) {
                    if (organ++ == ORGAN_CADRES_MOBILIZED) {
                        break outer;
                    }
                    tieUntil("MOBILIZATION", m, campaign, EPIDEMIC_START, EPIDEMIC_END, "role", "ORGAN_CADRE");
                }
            }
            int twoNew = 0;
            outer2:
            for (var members : twoNewMembers) {
                for (String m : members) {
                    if (twoNew++ == TWO_NEW_MEMBERS_MOBILIZED) {
                        break outer2;
                    }
                    tieUntil("MOBILIZATION", m, campaign, EPIDEMIC_START, EPIDEMIC_END, "role", "TWO_NEW_MEMBER");
                }
            }
            for (int i = 0; i < GRID_TEAMS + COMMANDO_TEAMS; i++) {
                boolean grid = i < GRID_TEAMS;
                int a = i % grassroots.size();
                String team = node(
                        "Resource",
                        props(
                                "name",
                                name(nameOf(a) + (grid ? "防控网格队伍" : "党员突击队") + (i / grassroots.size() + 1)),
                                "kind",
                                grid ? "GRID_TEAM" : "COMMANDO_TEAM"));
                tie(
                        "PROVISION",
                        grid ? grassrootsOrgs.get(a) : organOrgs.get(i % organOrgs.size()),
                        team,
                        EPIDEMIC_START);
                tieUntil(
                        "MOBILIZATION",
                        team,
                        campaign,
                        EPIDEMIC_START,
                        EPIDEMIC_END,
                        "role",
                        grid ? "GRID_TEAM" : "COMMANDO_TEAM");
            }
        }

        // ---- helpers ------------------------------------------------------------------------------

        final Map<String, String> nameById = new HashMap<>();

        String name(String base) {
            return prefix + base;
        }

        String nameOf(int grassrootsIndex) {
            return nameOfArea(grassroots.get(grassrootsIndex));
        }

        String nameOfArea(String id) {
            return nameById.get(id).substring(prefix.length());
        }

        String nameOfOrg(String id) {
            return nameById.get(id);
        }

        String areaNamed(String base) {
            return grassroots.stream()
                    .filter(id -> nameById.get(id).equals(name(base)))
                    .findFirst()
                    .orElseThrow();
        }

        String randomGrassroots() {
            return grassroots.get(random.nextInt(grassroots.size()));
        }

        String area(String areaName, String kind, Integer population, Double km2) {
            return node(
                    "Area",
                    props(
                            "name",
                            areaName,
                            "kind",
                            kind,
                            "code",
                            code("A", counter("A")),
                            "population",
                            population,
                            "areaKm2",
                            km2));
        }

        String org(String orgName, String kind, String sector, String reportsTo) {
            String id = node(
                    "PartyOrganization",
                    props(
                            "name",
                            orgName,
                            "kind",
                            kind,
                            "sector",
                            sector,
                            "code",
                            code("O", counter("O")),
                            "foundedOn",
                            LocalDate.of(2000 + random.nextInt(18), 1 + random.nextInt(12), 1),
                            "electedOn",
                            LocalDate.of(2016 + random.nextInt(4), 1 + random.nextInt(12), 1)));
            if (reportsTo != null) {
                tie("REPORTING_LINE", id, reportsTo, STRUCTURE_SINCE);
            }
            activities(id);
            return id;
        }

        String unit(String unitName, String kind, String area) {
            String id = node(
                    "Unit",
                    props(
                            "name",
                            unitName,
                            "kind",
                            kind,
                            "code",
                            code("U", counter("U")),
                            "staffCount",
                            5 + random.nextInt(300)));
            tie("LOCATION", id, area, STRUCTURE_SINCE);
            unitsByArea.computeIfAbsent(area, k -> new ArrayList<>()).add(id);
            return id;
        }

        String compound(String compoundName, String kind, String area, Integer households) {
            String id = node(
                    "Compound",
                    props(
                            "name",
                            compoundName,
                            "kind",
                            kind,
                            "code",
                            code("C", counter("C")),
                            "households",
                            households));
            tie("COMPOUND_AREA", id, area, STRUCTURE_SINCE);
            return id;
        }

        /**
         * Monthly meetings of 2019 and early 2020; one organization in ten stopped meeting after June
         * 2019, which the warning sign on organizational life finds.
         */
        void activities(String org) {
            boolean lapsed = random.nextInt(10) == 0;
            LocalDate last = lapsed ? LocalDate.of(2019, 6, 30) : LocalDate.of(2020, 2, 29);
            for (LocalDate d = LocalDate.of(2019, 1, 10); !d.isAfter(last); d = d.plusMonths(1)) {
                String activity = node(
                        "Activity",
                        props(
                                "name",
                                d.getMonthValue() + "月支部党员大会",
                                "kind",
                                "MEETING",
                                "date",
                                d.plusDays(random.nextInt(15)),
                                "participants",
                                3 + random.nextInt(30)));
                tie("ACTIVITY", activity, org, d);
            }
        }

        void establish(String org, String unit, String mode) {
            tie("ESTABLISHMENT", org, unit, STRUCTURE_SINCE, "mode", mode);
            orgOfUnit.put(unit, org);
        }

        /** New members of an organization (the first is its secretary); they work at the unit, if given. */
        List<String> members(String org, int count, String unit) {
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String p = person();
                tie(
                        "MEMBERSHIP",
                        p,
                        org,
                        LocalDate.of(2000 + random.nextInt(20), 1 + random.nextInt(12), 1),
                        "status",
                        random.nextInt(20) == 0 ? "PROBATIONARY" : "FORMAL",
                        "outOfContact",
                        random.nextInt(50) == 0);
                if (unit != null) {
                    employ(p, unit);
                }
                ids.add(p);
            }
            if (!ids.isEmpty()) {
                post(ids.getFirst(), org, "SECRETARY", null);
                if (unit != null) {
                    secretaryOf.put(unit, ids.getFirst());
                }
            }
            return ids;
        }

        void employ(String person, String unit) {
            tie("EMPLOYMENT", person, unit, LocalDate.of(2010 + random.nextInt(9), 1, 1));
        }

        void post(String person, String org, String role, String onBehalfOf) {
            if (onBehalfOf == null) {
                tie("POST", person, org, LocalDate.of(2018, 1 + random.nextInt(12), 1), "role", role);
            } else {
                tie("POST", person, org, LocalDate.of(2018, 6, 1), "role", role, "onBehalfOf", onBehalfOf);
            }
        }

        String person() {
            int year = 1955 + random.nextInt(45);
            LocalDate birth = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            String idNumber =
                    "460400" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000)) + "X";
            return node(
                    "Person",
                    props(
                            "name",
                            names.person(),
                            "gender",
                            random.nextBoolean() ? "MALE" : "FEMALE",
                            "birthDate",
                            birth,
                            "phone",
                            names.phone(),
                            "idNumber",
                            idNumber,
                            "address",
                            nameById.getOrDefault(grassroots.isEmpty() ? cityArea : randomGrassroots(), "")
                                    + random.nextInt(200) + "号"));
        }

        String node(String label, Map<String, Object> properties) {
            var type = GraphModel.nodeType(label);
            String id = type.idPrefix() + "-c" + String.format("%03d", number) + "-"
                    + String.format("%07d", counter(type.idPrefix()));
            var row = new LinkedHashMap<>(properties);
            row.values().removeIf(v -> v == null);
            row.put("id", id);
            if (row.get("name") instanceof String n) {
                nameById.put(id, n);
            }
            sink.node(label, row);
            return id;
        }

        void tie(String kind, String from, String to, LocalDate since, Object... keyValues) {
            tieUntil(kind, from, to, since, null, keyValues);
        }

        void tieUntil(String kind, String from, String to, LocalDate since, LocalDate until, Object... keyValues) {
            TieType type = GraphModel.tieType(kind);
            var row = props(keyValues);
            row.put(
                    "id",
                    kind.toLowerCase() + "-c" + String.format("%03d", number) + "-"
                            + String.format("%08d", ++tieCounter));
            row.put("since", since);
            if (until != null) {
                row.put("until", until);
            }
            sink.tie(type, from, to, row);
        }

        int counter(String key) {
            return counters.merge(key, 1, Integer::sum);
        }

        String code(String kind, int n) {
            return kind + String.format("%03d", number) + String.format("%06d", n);
        }

        Map<String, Object> props(Object... keyValues) {
            var map = new LinkedHashMap<String, Object>();
            for (int i = 0; i < keyValues.length; i += 2) {
                if (keyValues[i + 1] != null) {
                    map.put((String) keyValues[i], keyValues[i + 1]);
                }
            }
            return map;
        }
    }
}
