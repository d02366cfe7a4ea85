package org.dangjian.graph.sample;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The generate command: with {@code --party-graph.generate.scale=sample|city|province} the service
 * writes that scale into its database (embedded, or the one {@code spring.neo4j.uri} names), draws a
 * progress bar, prints one line of figures and exits. {@code party-graph.generate.mode}: {@code auto}
 * (CREATE into an empty database, else MERGE on ids), {@code create} or {@code merge}.
 */
@Component
@Order(1)
@ConditionalOnProperty("party-graph.generate.scale")
class GenerateCommand implements ApplicationRunner {

    private final SampleData sample;
    private final ConfigurableApplicationContext context;
    private final String scale;
    private final long seed;
    private final String mode;
    private final int batchSize;

    GenerateCommand(
            SampleData sample,
            ConfigurableApplicationContext context,
            @Value("${party-graph.generate.scale}") String scale,
            @Value("${party-graph.generate.seed:2020}") long seed,
            @Value("${party-graph.generate.mode:auto}") String mode,
            @Value("${party-graph.generate.batch-size:10000}") int batchSize) {
        this.sample = sample;
        this.context = context;
        this.scale = scale;
        this.seed = seed;
        this.mode = mode;
        this.batchSize = batchSize;
    }

    @Override
    public void run(ApplicationArguments args) {
        var report = sample.generate(
                SampleGenerator.Scale.valueOf(scale.toUpperCase(Locale.ROOT)),
                seed,
                mode.equalsIgnoreCase("auto")
                        ? (sample.isEmpty() ? BatchWriter.Mode.CREATE : BatchWriter.Mode.MERGE)
                        : BatchWriter.Mode.valueOf(mode.toUpperCase(Locale.ROOT)),
                batchSize,
                System.err);
        System.out.println(report);
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
