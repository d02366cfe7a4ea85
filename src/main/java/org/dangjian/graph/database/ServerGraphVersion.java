package org.dangjian.graph.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With a Neo4j server or cluster ({@code spring.neo4j.uri}), other clients may write without this
 * service seeing it: the graph's version is unknown and no answer is kept beyond its request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.neo4j.uri:}'.isEmpty()")
class ServerGraphVersion {

    @Bean
    GraphVersion graphVersion() {
        return GraphVersion.unknown();
    }
}
