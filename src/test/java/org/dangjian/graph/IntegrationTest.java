package org.dangjian.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A full service on a real embedded Neo4j (Bolt on a free port, data under {@code target/}), with
 * the sample graph loaded. Every test class carrying it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "party-graph.neo4j.embedded.bolt-port=0",
            "party-graph.neo4j.embedded.directory=target/test-neo4j/${random.uuid}",
            "party-graph.neo4j.embedded.page-cache=256m",
            "party-graph.console.timeout=10s",
        })
@AutoConfigureHttpGraphQlTester
public @interface IntegrationTest {}
