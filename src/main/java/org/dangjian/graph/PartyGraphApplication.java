package org.dangjian.graph;

import org.dangjian.graph.sample.BulkImport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/** The GraphQL knowledge-graph service for urban grassroots Party building (城市基层党建知识图谱). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartyGraphApplication {

    public static void main(String[] args) {
        var options = new SimpleCommandLinePropertySource(args);
        if ("true".equals(options.getProperty("party-graph.generate.bulk"))) {
            // Offline: the importer must write the store before any database is started on it.
            System.exit(BulkImport.command(options));
        }
        SpringApplication.run(PartyGraphApplication.class, args);
    }
}
