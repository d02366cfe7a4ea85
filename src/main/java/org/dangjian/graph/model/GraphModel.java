package org.dangjian.graph.model;

import static org.dangjian.graph.model.Property.code;
import static org.dangjian.graph.model.Property.optional;
import static org.dangjian.graph.model.Property.personal;
import static org.dangjian.graph.model.Property.required;
import static org.dangjian.graph.model.PropertyType.DATE;
import static org.dangjian.graph.model.PropertyType.ENUM;
import static org.dangjian.graph.model.PropertyType.FLOAT;
import static org.dangjian.graph.model.PropertyType.INT;
import static org.dangjian.graph.model.PropertyType.STRING;
import static org.dangjian.graph.model.PropertyType.STRING_LIST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph model of docs/domain.md, as data: every node type and tie type, with the names used alike in
 * Neo4j, the SDL ({@code schema/*.graphqls}) and the Cypher files. The generic read and write paths
 * are driven by it; {@code GraphModelTests} checks that it and the SDL agree.
 */
public final class GraphModel {

    /** The label every node carries besides its own, for global id lookups. */
    public static final String ENTITY = "Entity";

    private static final Map<String, NodeType> NODES = new LinkedHashMap<>();
    private static final Map<String, TieType> TIES = new LinkedHashMap<>();

    static {
        node(
                "Area",
                "area",
                true,
                required("name", STRING),
                required("kind", ENUM),
                code(),
                optional("population", INT),
                optional("areaKm2", FLOAT));
        node(
                "PartyOrganization",
                "org",
                true,
                required("name", STRING),
                required("kind", ENUM),
                required("sector", ENUM),
                code(),
                optional("foundedOn", DATE),
                optional("electedOn", DATE));
        node(
                "Unit",
                "unit",
                true,
                required("name", STRING),
                required("kind", ENUM),
                code(),
                optional("industry", STRING),
                optional("staffCount", INT));
        node(
                "Person",
                "person",
                true,
                required("name", STRING),
                optional("gender", ENUM),
                personal("birthDate", DATE),
                personal("phone", STRING),
                personal("idNumber", STRING),
                personal("address", STRING));
        node(
                "Compound",
                "compound",
                true,
                required("name", STRING),
                required("kind", ENUM),
                code(),
                optional("households", INT));
        node("Grid", "grid", true, required("name", STRING), code());
        node(
                "Resource",
                "resource",
                true,
                required("name", STRING),
                required("kind", ENUM),
                optional("servedPerYear", INT));
        node(
                "Project",
                "project",
                true,
                required("name", STRING),
                required("kind", ENUM),
                code(),
                optional("households", INT),
                optional("residents", INT),
                optional("signedHouseholds", INT),
                optional("reportedSignedRate", FLOAT),
                optional("signingStartedOn", DATE),
                optional("signingDays", INT),
                optional("landAreaMu", FLOAT));
        node(
                "MediationOrganization",
                "mediation",
                true,
                required("name", STRING),
                code(),
                optional("disputesSettled", INT));
        node("Campaign", "campaign", true, required("name", STRING), optional("startedOn", DATE));
        node(
                "Activity",
                "activity",
                true,
                required("name", STRING),
                required("kind", ENUM),
                required("date", DATE),
                optional("participants", INT));
        node(
                "Designation",
                "designation",
                false,
                required("name", STRING),
                required("type", ENUM),
                required("category", ENUM),
                required("since", DATE),
                optional("until", DATE),
                optional("reasons", STRING_LIST),
                optional("note", STRING));
        node(
                "Rectification",
                "rectification",
                false,
                required("name", STRING),
                required("status", ENUM),
                optional("plan", STRING),
                optional("since", DATE),
                optional("acceptedOn", DATE),
                optional("progress", STRING_LIST));

        tie(
                "REPORTING_LINE",
                "ReportingLine",
                "REPORTS_TO",
                "PartyOrganization",
                "PartyOrganization",
                "organization",
                "superior",
                "reportsTo",
                "subordinates");
        tie(
                "MANAGEMENT",
                "Management",
                "MANAGED_BY",
                "PartyOrganization",
                "PartyOrganization",
                "organization",
                "manager",
                "managedBy",
                "manages",
                required("mode", ENUM));
        tie(
                "ESTABLISHMENT",
                "Establishment",
                "ESTABLISHED_IN",
                "PartyOrganization",
                "Unit",
                "organization",
                "unit",
                "establishedIn",
                "partyOrganizations",
                required("mode", ENUM));
        tie(
                "MEMBERSHIP",
                "Membership",
                "MEMBER_OF",
                "Person",
                "PartyOrganization",
                "person",
                "organization",
                "memberships",
                "members",
                required("status", ENUM),
                optional("outOfContact", PropertyType.BOOLEAN));
        tie(
                "POST",
                "Post",
                "HOLDS_POST",
                "Person",
                "PartyOrganization",
                "person",
                "organization",
                "posts",
                "posts",
                required("role", ENUM),
                optional("onBehalfOf", STRING));
        tie(
                "EMPLOYMENT",
                "Employment",
                "WORKS_AT",
                "Person",
                "Unit",
                "person",
                "unit",
                "employments",
                "employees",
                optional("position", STRING));
        tie(
                "INSTRUCTION",
                "Instruction",
                "INSTRUCTS",
                "Person",
                "Unit",
                "instructor",
                "unit",
                "instructs",
                "instructors");
        tie(
                "PAIRING",
                "Pairing",
                "PAIRED_WITH",
                "Unit|PartyOrganization",
                "Area|PartyOrganization",
                "partner",
                "target",
                "pairings",
                "pairedBy",
                optional("program", STRING));
        tie(
                "LOCATION",
                "Location",
                "LOCATED_IN",
                "Unit",
                "Area|Compound",
                "occupant",
                "place",
                "locatedIn",
                "occupants");
        tie("AREA_INCLUSION", "AreaInclusion", "PART_OF", "Area", "Area", "area", "parent", "partOf", "parts");
        tie("COMPOUND_AREA", "CompoundArea", "IN", "Compound", "Area", "compound", "area", "inAreas", "compounds");
        tie(
                "COMPOUND_MANAGEMENT",
                "CompoundManagement",
                "MANAGED_BY",
                "Compound",
                "Unit",
                "compound",
                "propertyCompany",
                "propertyCompanies",
                "managedCompounds");
        tie(
                "OWNERS_COMMITTEE",
                "OwnersCommitteeTie",
                "HAS",
                "Compound",
                "Unit",
                "compound",
                "ownersCommittee",
                "ownersCommittees",
                "representsCompounds");
        tie("GRID_AREA", "GridArea", "PART_OF", "Grid", "Area", "grid", "area", "inAreas", "grids");
        tie(
                "GRID_COMPOUND",
                "GridCompound",
                "COVERS",
                "Grid",
                "Compound",
                "grid",
                "compound",
                "covers",
                "coveringGrids");
        tie(
                "GRID_ASSIGNMENT",
                "GridAssignment",
                "GRID_WORKER_FOR",
                "Person",
                "Grid",
                "worker",
                "grid",
                "gridAssignments",
                "workers",
                required("kind", ENUM));
        tie(
                "GRID_CONTRACT",
                "GridContract",
                "CONTRACTS",
                "Unit",
                "Grid",
                "unit",
                "grid",
                "contractedGrids",
                "contractors");
        tie(
                "PROVISION",
                "Provision",
                "PROVIDES",
                "Unit|PartyOrganization",
                "Resource",
                "provider",
                "resource",
                "provides",
                "providers");
        tie("SERVICE", "ResourceService", "SERVES", "Resource", "Area", "resource", "area", "serves", "resources");
        tie(
                "PROJECT_BRANCH",
                "ProjectBranch",
                "HAS_BRANCH",
                "Project",
                "PartyOrganization",
                "project",
                "branch",
                "branches",
                "projects");
        tie("PROJECT_AREA", "ProjectArea", "IN", "Project", "Area", "project", "area", "inAreas", "projects");
        tie(
                "MEDIATION",
                "Mediation",
                "MEDIATOR_OF",
                "Person",
                "MediationOrganization",
                "mediator",
                "mediationOrganization",
                "mediates",
                "mediators");
        tie(
                "MEDIATION_AREA",
                "MediationArea",
                "IN",
                "MediationOrganization",
                "Area",
                "mediationOrganization",
                "area",
                "inAreas",
                "mediationOrganizations");
        tie(
                "MOBILIZATION",
                "Mobilization",
                "MOBILIZED_FOR",
                "Person|Resource",
                "Campaign",
                "participant",
                "campaign",
                "campaigns",
                "mobilized",
                required("role", ENUM));
        tie(
                "ACTIVITY",
                "ActivityTie",
                "HELD_BY",
                "Activity",
                "PartyOrganization",
                "activity",
                "organization",
                "heldBy",
                "activities");
        tie(
                "AREA_LEADERSHIP",
                "AreaLeadership",
                "LEADS",
                "PartyOrganization",
                "Area",
                "organization",
                "area",
                "leadsAreas",
                "partyOrganizations");
        workflowTie(
                "DESIGNATION",
                "DesignationTie",
                "DESIGNATED",
                "PartyOrganization",
                "Designation",
                "organization",
                "designation",
                "designations",
                "organizations");
        workflowTie(
                "RECTIFICATION",
                "RectificationTie",
                "RECTIFIED_BY",
                "Designation",
                "Rectification",
                "designation",
                "rectification",
                "rectifications",
                "designations");
        workflowTie(
                "SUPPORT",
                "Support",
                "SUPPORTED_BY",
                "Rectification",
                "Unit|PartyOrganization",
                "rectification",
                "supporter",
                "supporters",
                "supports");
        workflowTie(
                "LEADERSHIP",
                "Leadership",
                "LED_BY",
                "Rectification",
                "Person",
                "rectification",
                "leader",
                "leaders",
                "leadsRectifications");
    }

    private GraphModel() {}

    public static List<NodeType> nodeTypes() {
        return List.copyOf(NODES.values());
    }

    public static List<TieType> tieTypes() {
        return List.copyOf(TIES.values());
    }

    public static NodeType nodeType(String label) {
        return Optional.ofNullable(NODES.get(label))
                .orElseThrow(() -> new IllegalArgumentException("No node type " + label));
    }

    public static Optional<NodeType> findNodeType(String label) {
        return Optional.ofNullable(NODES.get(label));
    }

    /**
     * The value of the GraphQL enum {@code NodeType} for a label, upper case like every other enum:
     * {@code PartyOrganization} is {@code PARTY_ORGANIZATION}.
     */
    public static String enumName(String label) {
        return label.replaceAll("(?<!^)(?=[A-Z])", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The label of a {@code NodeType} enum value, or null. */
    public static String labelOfEnum(String name) {
        return NODES.keySet().stream()
                .filter(label -> enumName(label).equals(name))
                .findFirst()
                .orElse(null);
    }

    public static TieType tieType(String kind) {
        return Optional.ofNullable(TIES.get(kind))
                .orElseThrow(() -> new IllegalArgumentException("No tie kind " + kind));
    }

    private static void node(String label, String prefix, boolean editable, Property... properties) {
        NODES.put(label, new NodeType(label, prefix, List.of(properties), editable));
    }

    private static void tie(
            String kind,
            String name,
            String rel,
            String from,
            String to,
            String fromName,
            String toName,
            String outField,
            String inField,
            Property... properties) {
        add(kind, name, rel, from, to, fromName, toName, outField, inField, true, properties);
    }

    private static void workflowTie(
            String kind,
            String name,
            String rel,
            String from,
            String to,
            String fromName,
            String toName,
            String outField,
            String inField,
            Property... properties) {
        add(kind, name, rel, from, to, fromName, toName, outField, inField, false, properties);
    }

    private static void add(
            String kind,
            String name,
            String rel,
            String from,
            String to,
            String fromName,
            String toName,
            String outField,
            String inField,
            boolean addable,
            Property... properties) {
        Map<String, String> refs = kind.equals("POST") ? Map.of("onBehalfOf", "Unit") : Map.of();
        TIES.put(
                kind,
                new TieType(
                        kind,
                        name,
                        rel,
                        Set.of(from.split("\\|")),
                        Set.of(to.split("\\|")),
                        fromName,
                        toName,
                        outField,
                        inField,
                        List.of(properties),
                        refs,
                        addable));
    }
}
