package org.dangjian.graph.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw Cypher through the official Java driver, for {@code bench/peer/compare.mjs}: the column the
 * service is held to (at most 1.25× of it). A process of its own, started by the harness with the
 * jar on its class path; it reads one request per line on standard input, {@code {"statement": ...,
 * "params": {...}}} (a date as {@code {"$date": "2020-03-01"}}), runs it in a read session as a
 * driver's client would (a session opened, a read transaction function, the records listed, the
 * session closed), and answers one line, {@code {"ms": ..., "records": [...]}}: the time of exactly
 * that, measured here, so that neither the pipe nor JSON is counted; or {@code {"error": ...}}.
 *
 * <pre>BOLT_PASSWORD=... java -cp party-graph.jar -Dloader.main=org.dangjian.graph.bench.RawCypherClient \
 *   org.springframework.boot.loader.launch.PropertiesLauncher bolt://127.0.0.1:7687</pre>
 *
 * <p>The password comes from the environment, not the command line, which any user of the machine
 * can read in the process list.
 */
public final class RawCypherClient {

    private static final TypeSystem TYPES = TypeSystem.getDefault();

    private RawCypherClient() {}

    public static void main(String[] args) throws Exception {
        String password = System.getenv("BOLT_PASSWORD");
        if (args.length != 1 || password == null) {
            System.err.println("usage: BOLT_PASSWORD=... RawCypherClient bolt://host:port");
            System.exit(2);
        }
        var mapper = JsonMapper.builder().build();
        var out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        var reads =
                SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build();
        try (Driver driver = GraphDatabase.driver(
                args[0],
                AuthTokens.basic("neo4j", password),
                Config.builder().withLogging(Logging.none()).build())) {
            driver.verifyConnectivity();
            out.println("{\"ready\":true}");
            out.flush();
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                Map<String, Object> answer;
                try {
                    answer = run(driver, reads, mapper.readValue(line, Map.class));
                } catch (RuntimeException e) {
                    answer = Map.of("error", String.valueOf(e.getMessage()));
                }
                out.println(mapper.writeValueAsString(answer));
                out.flush();
            }
        }
    }

    /** One request: the statement run and timed, its records as JSON values. */
    private static Map<String, Object> run(Driver driver, SessionConfig reads, Map<?, ?> request) {
        @SuppressWarnings("unchecked")
        var params = (Map<String, Object>) parameter(Objects.requireNonNullElse(request.get("params"), Map.of()));
        String statement = (String) request.get("statement");
        long start = System.nanoTime();
        List<Record> records;
        try (var session = driver.session(reads)) {
            records = session.executeRead(tx -> tx.run(statement, params).list());
        }
        long took = System.nanoTime() - start;
        var rows = new ArrayList<Map<String, Object>>(records.size());
        for (Record r : records) {
            rows.add(r.asMap(RawCypherClient::plain));
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("ms", took / 1e6);
        answer.put("records", rows);
        return answer;
    }

    /** A JSON value as a Cypher parameter: {@code {"$date": "..."}} a date, everything else as it is. */
    private static Object parameter(Object json) {
        if (json instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("$date") instanceof String date) {
                return LocalDate.parse(date);
            }
            var converted = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> converted.put((String) k, parameter(v)));
            return converted;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(RawCypherClient::parameter).toList();
        }
        return json;
    }

    /** A driver value as JSON: a node or relationship by its properties, a temporal value as text. */
    private static Object plain(Value value) {
        if (value.isNull()) {
            return null;
        }
        if (value.hasType(TYPES.LIST())) {
            return value.asList(RawCypherClient::plain);
        }
        if (value.hasType(TYPES.MAP()) || value.hasType(TYPES.NODE()) || value.hasType(TYPES.RELATIONSHIP())) {
            return value.asMap(RawCypherClient::plain);
        }
        if (value.hasType(TYPES.INTEGER())) {
            return value.asLong();
        }
        if (value.hasType(TYPES.FLOAT())) {
            return value.asDouble();
        }
        if (value.hasType(TYPES.BOOLEAN())) {
            return value.asBoolean();
        }
        if (value.hasType(TYPES.STRING())) {
            return value.asString();
        }
        return String.valueOf(value.asObject());
    }
}
