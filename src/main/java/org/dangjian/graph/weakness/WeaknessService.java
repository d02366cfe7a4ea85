package org.dangjian.graph.weakness;

import static org.dangjian.graph.api.ApiException.conflict;
import static org.dangjian.graph.api.ApiException.notFound;
import static org.dangjian.graph.api.ApiException.validation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.queries.NamedQueries;
import org.dangjian.graph.queries.Rows;
import org.dangjian.graph.time.Today;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's decisions about Party organizations: designations of weak organizations (软弱涣散) with
 * their rectification (整顿), and demonstration sites (示范点). Each decision is validated and written
 * in one transaction; the rectification moves only IDENTIFIED → RECTIFYING → RECTIFIED.
 */
@Service
class WeaknessService {

    private final Graph graph;
    private final NamedQueries queries;
    private final Today today;

    WeaknessService(Graph graph, NamedQueries queries, Today today) {
        this.graph = graph;
        this.queries = queries;
        this.today = today;
    }

    @Transactional
    public DesignationRecord designateWeak(
            String organizationId, LocalDate since, String category, List<String> reasons, String note) {
        graph.lockNodes(List.of(organizationId == null ? "" : organizationId));
        var org = organization(organizationId);
        if (reasons == null || reasons.stream().allMatch(r -> r == null || r.isBlank())) {
            throw validation("A weak designation needs at least one reason");
        }
        LocalDate date = today.orToday(since);
        if (active(organizationId, "WEAK", date)) {
            throw conflict(org.get("name") + " is already designated weak");
        }
        var params = new HashMap<String, Object>();
        params.put("org", organizationId);
        params.put("d", "designation-" + UUID.randomUUID());
        params.put("r", "rectification-" + UUID.randomUUID());
        params.put("name", "软弱涣散：" + org.get("name"));
        params.put("category", category == null ? categoryOf((String) org.get("sector")) : category);
        params.put("since", date);
        params.put(
                "reasons",
                reasons.stream()
                        .filter(r -> r != null && !r.isBlank())
                        .map(String::strip)
                        .toList());
        params.put("note", note);
        params.put("tieD", "designation-" + UUID.randomUUID());
        params.put("tieR", "rectification-" + UUID.randomUUID());
        graph.run("""
                MATCH (o:PartyOrganization {id: $org})
                CREATE (d:Entity:Designation {id: $d, name: $name, type: 'WEAK', category: $category, since: $since,
                        reasons: $reasons, note: $note})
                CREATE (r:Entity:Rectification {id: $r, name: '整顿：' + o.name, status: 'IDENTIFIED'})
                CREATE (o)-[:DESIGNATED {id: $tieD, since: $since}]->(d)
                CREATE (d)-[:RECTIFIED_BY {id: $tieR, since: $since}]->(r)""", params);
        return designation((String) params.get("d"));
    }

    @Transactional
    public DesignationRecord startRectification(
            String designationId, String leaderId, List<String> supporterIds, String plan, LocalDate since) {
        var d = weakDesignation(designationId);
        status(d).requireMoveTo(RectificationStatus.RECTIFYING, "start the rectification");
        LocalDate date = today.orToday(since);
        LocalDate designated = (LocalDate) d.designation().get("since");
        if (date.isBefore(designated)) {
            throw validation(
                    "The rectification cannot start (" + date + ") before the designation (" + designated + ")");
        }
        if (plan == null || plan.isBlank()) {
            throw validation("A rectification needs a plan");
        }
        if (graph.row("MATCH (p:Person {id: $id}) RETURN p.id AS id", Map.of("id", leaderId)) == null) {
            throw notFound("No Person with id " + leaderId + " (leaderId)");
        }
        var supporters = supporterIds == null ? List.<String>of() : supporterIds;
        long found = Rows.number(graph.row("""
                UNWIND $ids AS id MATCH (s:Unit|PartyOrganization {id: id}) RETURN count(DISTINCT s) AS n""", Map.of("ids", supporters)), "n");
        if (found != supporters.stream().distinct().count()) {
            throw notFound("Every supporterId must be a Unit or a PartyOrganization; some are not");
        }
        var params = new HashMap<String, Object>();
        params.put("d", designationId);
        params.put("leader", leaderId);
        params.put("supporters", supporters.stream().distinct().toList());
        params.put("plan", plan.strip());
        params.put("since", date);
        params.put("tie", "leadership-" + UUID.randomUUID());
        graph.run("""
                MATCH (:Designation {id: $d})-[:RECTIFIED_BY]->(r:Rectification)
                MATCH (leader:Person {id: $leader})
                SET r.status = 'RECTIFYING', r.plan = $plan, r.since = $since
                CREATE (r)-[:LED_BY {id: $tie, since: $since}]->(leader)
                WITH r
                UNWIND $supporters AS sid
                MATCH (s:Unit|PartyOrganization {id: sid})
                CREATE (r)-[:SUPPORTED_BY {id: 'support-' + randomUUID(), since: $since}]->(s)""", params);
        return designation(designationId);
    }

    @Transactional
    public DesignationRecord recordProgress(String designationId, LocalDate date, String note) {
        var d = weakDesignation(designationId);
        if (status(d) != RectificationStatus.RECTIFYING) {
            throw conflict("Progress is recorded only while RECTIFYING; the rectification is " + status(d));
        }
        if (note == null || note.isBlank()) {
            throw validation("A progress record needs a note");
        }
        LocalDate day = today.orToday(date);
        var rect = d.rectification();
        if (day.isBefore((LocalDate) rect.get("since"))) {
            throw validation(
                    "Progress (" + day + ") cannot precede the start of the rectification (" + rect.get("since") + ")");
        }
        graph.run("""
                MATCH (:Designation {id: $d})-[:RECTIFIED_BY]->(r:Rectification)
                SET r.progress = coalesce(r.progress, []) + [$entry]""", Map.of("d", designationId, "entry", day + ": " + note.strip()));
        return designation(designationId);
    }

    @Transactional
    public DesignationRecord accept(String designationId, LocalDate acceptedOn, String note) {
        var d = weakDesignation(designationId);
        status(d).requireMoveTo(RectificationStatus.RECTIFIED, "accept the rectification");
        LocalDate day = today.orToday(acceptedOn);
        var rect = d.rectification();
        if (day.isBefore((LocalDate) rect.get("since"))) {
            throw validation("Acceptance (" + day + ") cannot precede the start of the rectification ("
                    + rect.get("since") + ")");
        }
        var params = new HashMap<String, Object>();
        params.put("d", designationId);
        params.put("day", day);
        params.put("note", note == null ? null : day + ": 验收 " + note.strip());
        graph.run("""
                MATCH (d:Designation {id: $d})-[:RECTIFIED_BY]->(r:Rectification)
                SET r.status = 'RECTIFIED', r.acceptedOn = $day, d.until = $day,
                    r.progress = CASE WHEN $note IS NULL THEN r.progress ELSE coalesce(r.progress, []) + [$note] END""", params);
        return designation(designationId);
    }

    @Transactional
    public DesignationRecord designateDemonstration(
            String organizationId, LocalDate since, String category, String note) {
        graph.lockNodes(List.of(organizationId == null ? "" : organizationId));
        var org = organization(organizationId);
        LocalDate date = today.orToday(since);
        if (active(organizationId, "DEMONSTRATION", date)) {
            throw conflict(org.get("name") + " is already a demonstration site");
        }
        if (active(organizationId, "WEAK", date)) {
            throw conflict(org.get("name") + " is designated weak; it cannot be a demonstration site until accepted");
        }
        var params = new HashMap<String, Object>();
        params.put("org", organizationId);
        params.put("d", "designation-" + UUID.randomUUID());
        params.put("tie", "designation-" + UUID.randomUUID());
        params.put("name", "示范点：" + org.get("name"));
        params.put("category", category == null ? categoryOf((String) org.get("sector")) : category);
        params.put("since", date);
        params.put("note", note);
        graph.run("""
                MATCH (o:PartyOrganization {id: $org})
                CREATE (d:Entity:Designation {id: $d, name: $name, type: 'DEMONSTRATION', category: $category,
                        since: $since, note: $note})
                CREATE (o)-[:DESIGNATED {id: $tie, since: $since}]->(d)""", params);
        return designation((String) params.get("d"));
    }

    @Transactional
    public DesignationRecord endDemonstration(String designationId, LocalDate until) {
        graph.lockNodes(List.of(designationId == null ? "" : designationId));
        var d = designation(designationId);
        if (d == null || !"DEMONSTRATION".equals(d.designation().get("type"))) {
            throw notFound("No demonstration-site designation with id " + designationId);
        }
        var designationNode = d.designation();
        if (designationNode.get("until") != null) {
            throw conflict("The designation already ended on " + designationNode.get("until"));
        }
        LocalDate day = today.orToday(until);
        if (day.isBefore((LocalDate) designationNode.get("since"))) {
            throw validation("until (" + day + ") is before the designation (" + designationNode.get("since") + ")");
        }
        graph.run("MATCH (d:Designation {id: $d}) SET d.until = $day", Map.of("d", designationId, "day", day));
        return designation(designationId);
    }

    public List<DesignationRecord> weakOrganizations(String scope, String status, String category, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("orgIds", scopeIds(scope, asOf));
        params.put("status", status);
        params.put("category", category);
        params.put("asOf", today.orToday(asOf));
        return queries.rows("weak-organizations", params).stream()
                .map(DesignationRecord::of)
                .toList();
    }

    public List<Map<String, Object>> stats(String scope, LocalDate asOf) {
        var params = new HashMap<String, Object>();
        params.put("orgIds", scopeIds(scope, asOf));
        params.put("asOf", today.orToday(asOf));
        return queries.rows("weak-organization-stats", params);
    }

    /** The ids of the organizations inside a scope, or null for all. */
    List<String> scopeIds(String scope, LocalDate asOf) {
        if (scope == null) {
            return null;
        }
        queries.scope(scope);
        return new ArrayList<>(queries.scopeMembers("scope-organizations", scope, today.orToday(asOf)));
    }

    /** A designation with its organization, rectification, leaders and supporters; null if unknown. */
    DesignationRecord designation(String id) {
        var row = graph.row("""
                MATCH (o:PartyOrganization)-[:DESIGNATED]->(d:Designation {id: $id})
                OPTIONAL MATCH (d)-[:RECTIFIED_BY]->(r:Rectification)
                RETURN d {.*, __type: 'Designation'} AS designation, o {.*, __type: 'PartyOrganization'} AS organization,
                       r {.*, __type: 'Rectification'} AS rectification, coalesce(r.status, d.type) AS status,
                       COLLECT { MATCH (r)-[:LED_BY]->(p:Person) RETURN p {.*, __type: 'Person'} } AS leaders,
                       COLLECT { MATCH (r)-[:SUPPORTED_BY]->(s) RETURN s {.*, __type: [l IN labels(s) WHERE l <> 'Entity'][0]} } AS supporters""", Map.of("id", id));
        return row == null ? null : DesignationRecord.of(row);
    }

    /** The designation, locked for the rest of the transaction: its state machine moves one step at a time. */
    private DesignationRecord weakDesignation(String id) {
        graph.lockNodes(List.of(id == null ? "" : id));
        var d = designation(id);
        if (d == null || d.rectification() == null) {
            throw notFound("No weak-organization designation with id " + id);
        }
        return d;
    }

    private static RectificationStatus status(DesignationRecord designation) {
        return RectificationStatus.valueOf((String) designation.rectification().get("status"));
    }

    private Map<String, Object> organization(String id) {
        var row = graph.row(
                "MATCH (o:PartyOrganization {id: $id}) RETURN o {.*} AS o", Map.of("id", id == null ? "" : id));
        if (row == null) {
            throw notFound("No PartyOrganization with id " + id);
        }
        return Rows.map(row.get("o"));
    }

    private boolean active(String organizationId, String type, LocalDate on) {
        return graph.row("""
                MATCH (:PartyOrganization {id: $org})-[:DESIGNATED]->(d:Designation {type: $type})
                WHERE d.until IS NULL OR d.until > $on RETURN d.id AS id LIMIT 1""", Map.of("org", organizationId, "type", type, "on", on)) != null;
    }

    /** The category the report counts an organization in, from its sector. */
    static String categoryOf(String sector) {
        if (sector == null) {
            return "OTHER";
        }
        return switch (sector) {
            case "COMMUNITY", "BIG_COMMUNITY" -> "COMMUNITY";
            case "ORGAN", "INSTITUTION" -> "ORGAN";
            case "TWO_NEW" -> "TWO_NEW";
            default -> "OTHER";
        };
    }
}
