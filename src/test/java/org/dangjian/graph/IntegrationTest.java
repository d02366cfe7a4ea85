package org.dangjian.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.dangjian.graph.security.TestTokens;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full service on a real embedded Neo4j (Bolt on a free port, data under {@code target/}), with
 * the sample graph loaded. Every test class carrying it shares one application context. Users: one per
 * role, named after it, password "{role}-test" (bcrypt cost 4, so that tests do not spend their time
 * hashing), and tokens signed by a key made for the run ({@link TestTokens}). With {@code -Pserver}, a
 * Neo4j server in a container instead ({@link ServerProfile}).
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
            // The start-up warm-up is for the service; WarmupIT runs it itself.
            "party-graph.warmup.enabled=false",
            // No answers taken again in the background: tests that count statements count their own.
            "party-graph.answers.refresh-max=0",
            // Nor answers read lately taken again after each commit (HotAnswersIT turns it on).
            "party-graph.answers.refresh-hot=0",
            "party-graph.import.max-rows=3000",
            // a block per node id, so that any two nodes lie in different blocks (StatisticsLedgerIT)
            "party-graph.statistics.block-size=1",
            "party-graph.backup.directory=target/test-backups/${random.uuid}",
            "party-graph.import.atomic-rows=1000",
            "party-graph.import.batch-rows=200",
            "party-graph.personal-data.keyset-file=target/test-keys/personal-data.json",
            "party-graph.personal-data.generate-keyset=true",
            "party-graph.security.users[0].name=viewer",
            "party-graph.security.users[0].password=$2a$04$x6jDDkJvD7hvNMIRT4ht7ucLYkZbuWwBF9A22K.T58Lscjko2Bowu",
            "party-graph.security.users[0].roles=VIEWER",
            "party-graph.security.users[1].name=editor",
            "party-graph.security.users[1].password=$2a$04$gQHwymDSG3HvG.Tn15mVfeOrn8QFr3UtLkUQ.TDp7lzh6woPAqF6i",
            "party-graph.security.users[1].roles=EDITOR",
            "party-graph.security.users[2].name=analyst",
            "party-graph.security.users[2].password=$2a$04$bKMxb9m3KPR9besYoAeIRuqtAJvGdSN8wNR3.NG1z4rmTPLZCzOB.",
            "party-graph.security.users[2].roles=ANALYST",
            "party-graph.security.users[3].name=admin",
            "party-graph.security.users[3].password=$2a$04$2E51KB7.q0hDxpH2wa3IRuiuwVfY6G69pREfttI2rVywEh74WMHnm",
            "party-graph.security.users[3].roles=ADMIN",
            // 东风大社区 (the area): an editor and an administrator with a jurisdiction
            "party-graph.security.users[4].name=dongfeng",
            "party-graph.security.users[4].password=$2a$04$qS7O9MuASgux.JYgKdc.2.vr8OGOv5PXvr579nCeCsKD3TK2/Q8Wq",
            "party-graph.security.users[4].roles=VIEWER,EDITOR",
            "party-graph.security.users[4].jurisdictions=area-c000-0000003",
            "party-graph.security.users[5].name=dongfeng-admin",
            "party-graph.security.users[5].password=$2a$04$qtGv5aCWNVgynNdSRthlJ.Y0l4X5BYWQKGPj4efNs/yEZSMSaUnDu",
            "party-graph.security.users[5].roles=ADMIN",
            "party-graph.security.users[5].jurisdictions=area-c000-0000003",
            "party-graph.security.jwt.roles-claim=realm_access.roles",
            // every test client is 127.0.0.1: throttle by address only far above what the suite sends
            "party-graph.security.login.max-failures-per-address=1000",
            "spring.graphql.cors.allowed-origins=https://front.example",
        })
@Import({TestTokens.Issuer.class, TestClock.Config.class})
@AutoConfigureHttpGraphQlTester
@org.junit.jupiter.api.extension.ExtendWith(ServerProfile.Condition.class)
@org.springframework.test.context.ContextConfiguration(initializers = ServerProfile.Initializer.class)
public @interface IntegrationTest {}
