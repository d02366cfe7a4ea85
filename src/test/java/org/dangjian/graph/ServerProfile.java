package org.dangjian.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code mvn verify -Pserver}: the integration tests against a Neo4j server started by Testcontainers
 * instead of the embedded database ({@code spring.neo4j.uri} set, so none starts). Without a Docker
 * engine every integration test is skipped with the reason, so the run says plainly that it did not
 * test a server. The default run ({@code party-graph.test.server} false) touches none of this.
 */
public final class ServerProfile {

    private ServerProfile() {}

    static final String IMAGE = System.getProperty("party-graph.test.server-image", "neo4j:2026.08.1-community");
    private static final String PASSWORD = "party-graph-test-server";

    /** Whether the run asks for a server. */
    public static boolean requested() {
        return Boolean.getBoolean("party-graph.test.server");
    }

    /** Why no server can be started here, or null when a Docker engine answers. */
    static String noDocker() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        if (System.getenv("DOCKER_HOST") == null && !socket) {
            return "-Pserver needs a Docker engine for Testcontainers: DOCKER_HOST is not set and"
                    + " /var/run/docker.sock does not exist; the integration tests did not run against a server";
        }
        try {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return "-Pserver needs a Docker engine for Testcontainers: none answered";
            }
        } catch (RuntimeException e) {
            return "-Pserver needs a Docker engine for Testcontainers: " + e.getMessage();
        }
        return null;
    }

    /** Skips every integration test of a -Pserver run where no Docker engine answers, saying why. */
    public static final class Condition implements ExecutionCondition {

        private static volatile String reason;
        private static volatile boolean checked;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!requested()) {
                return ConditionEvaluationResult.enabled("the embedded database");
            }
            if (!checked) {
                reason = noDocker();
                checked = true;
                if (reason != null) {
                    System.err.println("[party-graph] " + reason);
                }
            }
            return reason == null
                    ? ConditionEvaluationResult.enabled("a Neo4j server in a container (" + IMAGE + ")")
                    : ConditionEvaluationResult.disabled(reason);
        }
    }

    /** Points the service at the container's Bolt port (one container for the whole run). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static org.testcontainers.containers.GenericContainer<?> server;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (!requested() || noDocker() != null) {
                return;
            }
            synchronized (Initializer.class) {
                if (server == null) {
                    server = new org.testcontainers.containers.GenericContainer<>(IMAGE)
                            .withExposedPorts(7687)
                            .withEnv("NEO4J_AUTH", "neo4j/" + PASSWORD)
                            .waitingFor(
                                    org.testcontainers.containers.wait.strategy.Wait.forLogMessage(".*Started.*", 1));
                    server.start();
                }
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "party-graph-test-server",
                            Map.of(
                                    "spring.neo4j.uri",
                                    "bolt://" + server.getHost() + ":" + server.getMappedPort(7687),
                                    "spring.neo4j.authentication.username",
                                    "neo4j",
                                    "spring.neo4j.authentication.password",
                                    PASSWORD)));
        }
    }
}
