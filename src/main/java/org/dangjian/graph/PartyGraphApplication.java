package org.dangjian.graph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The GraphQL knowledge-graph service for urban grassroots Party building (城市基层党建知识图谱). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartyGraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(PartyGraphApplication.class, args);
    }
}
