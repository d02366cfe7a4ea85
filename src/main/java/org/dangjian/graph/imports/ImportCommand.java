package org.dangjian.graph.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The import command for large files, {@code --party-graph.import.file=roster.xlsx
 * --party-graph.import.type=Person [--party-graph.import.commit=true] [--party-graph.import.valid-only=true]}:
 * the same two phases as {@code POST /imports}, in this process, with a progress bar on the terminal;
 * the job is recorded (and audited, as the system user named by {@code party-graph.import.user}) like
 * any other. Exits 0 when the file was valid (and committed if asked), 1 otherwise.
 */
@Component
@Order(-5)
@ConditionalOnProperty("party-graph.import.file")
class ImportCommand implements ApplicationRunner {

    private final ImportService imports;
    private final ConfigurableApplicationContext context;
    private final Path file;
    private final String type;
    private final boolean commit;
    private final boolean validOnly;
    private final String user;

    ImportCommand(
            ImportService imports,
            ConfigurableApplicationContext context,
            @Value("${party-graph.import.file}") Path file,
            @Value("${party-graph.import.type:}") String type,
            @Value("${party-graph.import.commit:false}") boolean commit,
            @Value("${party-graph.import.valid-only:false}") boolean validOnly,
            @Value("${party-graph.import.user:import-command}") String user) {
        this.imports = imports;
        this.context = context;
        this.file = file;
        this.type = type;
        this.commit = commit;
        this.validOnly = validOnly;
        this.user = user;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        int code = importFile();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int importFile() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file);
            return 1;
        }
        long t0 = System.nanoTime();
        var caller = new Caller(user, EnumSet.of(Role.EDITOR));
        var job = imports.runHere(caller, file, type, commit, validOnly, ImportCommand::bar);
        System.err.println();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "%s: %s %s, %d rows (%d valid, %d problems) in %.1f s = %.0f rows/s; created %d, updated %d, unchanged %d%n%s%n",
                job.id(),
                job.fileName(),
                job.status(),
                job.rows(),
                job.validRows(),
                job.problemCount(),
                seconds,
                job.rows() / Math.max(seconds, 1e-9),
                job.created(),
                job.updated(),
                job.unchanged(),
                job.messageZh() == null ? "" : job.messageZh());
        imports.problems(job.id()).stream()
                .limit(20)
                .forEach(p -> System.out.println(
                        "  第 " + p.row() + " 行 " + (p.column() == null ? "" : p.column() + " ") + p.reasonZh()));
        return job.status().equals("COMMITTED") || job.status().equals("VALID") ? 0 : 1;
    }

    /** One line redrawn: the phase, a bar of committed rows (or the rows read), the counts. */
    private static void bar(ImportJob job) {
        if (job.status().equals("VALIDATING")) {
            System.err.printf("\r校验 validating: %,d rows read, %,d problems", job.rows(), job.problemCount());
            return;
        }
        double share = job.progress();
        int filled = (int) Math.round(share * 30);
        System.err.printf(
                "\r写入 committing [%s%s] %5.1f%% %,d / %,d rows",
                "#".repeat(filled), ".".repeat(30 - filled), share * 100, job.committedRows(), job.validRows());
    }
}
