package org.dangjian.graph.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dangjian.graph.database.Graph;
import org.dangjian.graph.exports.Exports;
import org.dangjian.graph.imports.ImportService;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The import and export benchmark, {@code --party-graph.bench.io=true [--party-graph.bench.io-rows=100000]}:
 * writes a file of that many units as .xlsx and as .csv, validates then commits each through the
 * import service (the second commit of the same rows finds them unchanged), exports the whole graph as
 * GraphML, and prints rows/s and the peak heap of each step in one table; then removes the units it
 * added and exits. Run it on a copy of a database.
 */
@Component
@ConditionalOnProperty("party-graph.bench.io")
class IoBenchCommand implements ApplicationRunner {

    private static final String[] KINDS = {"非公企业", "社会组织", "物业企业", "机关单位"};

    private final ImportService imports;
    private final Exports exports;
    private final Graph graph;
    private final ConfigurableApplicationContext context;
    private final int rows;

    IoBenchCommand(
            ImportService imports,
            Exports exports,
            Graph graph,
            ConfigurableApplicationContext context,
            @Value("${party-graph.bench.io-rows:100000}") int rows) {
        this.imports = imports;
        this.exports = exports;
        this.graph = graph;
        this.context = context;
        this.rows = rows;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        var caller = new Caller("bench", EnumSet.of(Role.EDITOR));
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path dir = Files.createTempDirectory("party-graph-bench");
        Path csv = dir.resolve("units.csv");
        Path xlsx = dir.resolve("units.xlsx");
        writeCsv(csv, "BENCH-" + run + "-C-");
        writeXlsx(xlsx, "BENCH-" + run + "-X-");
        System.out.printf(
                "files: %,d rows; csv %.1f MB, xlsx %.1f MB; max heap %d MB%n",
                rows,
                Files.size(csv) / 1e6,
                Files.size(xlsx) / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-34s %10s %10s %12s %14s%n", "step", "rows", "seconds", "rows/s", "peak heap MB");
        try {
            for (Path file : List.of(csv, xlsx)) {
                String format = file.getFileName().toString().endsWith(".csv") ? "csv" : "xlsx";
                step(
                        "validate " + format,
                        () -> imports.runHere(caller, file, "Unit", false, false, j -> {})
                                .rows());
                step(
                        "commit " + format + " (new rows)",
                        () -> imports.runHere(caller, file, "Unit", true, false, j -> {})
                                .rows());
                step(
                        "commit " + format + " again (unchanged)",
                        () -> imports.runHere(caller, file, "Unit", true, false, j -> {})
                                .rows());
            }
            step("export GraphML, whole graph", () -> {
                Path out = dir.resolve("graph.graphml");
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out))) {
                    var written = exports.graphml(caller, null, null, stream);
                    return written.nodes() + written.ties();
                } finally {
                    System.out.printf("  (GraphML %.1f MB)%n", Files.size(out) / 1e6);
                }
            });
        } finally {
            long removed = 0;
            long n;
            do {
                var row = graph.row("""
                        MATCH (u:Unit) WHERE u.code STARTS WITH $p WITH u LIMIT 10000 DETACH DELETE u RETURN count(*) AS n""", Map.of("p", "BENCH-" + run + "-"));
                n = ((Number) row.get("n")).longValue();
                removed += n;
            } while (n > 0);
            System.out.printf("removed the %,d units the benchmark added%n", removed);
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    interface Step {
        long run() throws Exception;
    }

    private void step(String name, Step step) throws Exception {
        System.gc();
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        long count = step.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-34s %,10d %10.1f %,12.0f %,14d%n", name, count, seconds, count / seconds, peak >> 20);
    }

    private void writeCsv(Path file, String prefix) throws Exception {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("单位名称,单位类别,统一社会信用代码,所属行业,职工人数\r\n");
            for (int i = 0; i < rows; i++) {
                out.write("压测单位" + prefix + i + "," + KINDS[i % KINDS.length] + "," + prefix + i + ",服务业," + (i % 500)
                        + "\r\n");
            }
        }
    }

    private void writeXlsx(Path file, String prefix) throws Exception {
        try (var book = new SXSSFWorkbook(100);
                var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            var sheet = book.createSheet("单位");
            var head = sheet.createRow(0);
            String[] headers = {"单位名称", "单位类别", "统一社会信用代码", "所属行业", "职工人数"};
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(headers[c]);
            }
            for (int i = 0; i < rows; i++) {
                var row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue("压测单位" + prefix + i);
                row.createCell(1).setCellValue(KINDS[i % KINDS.length]);
                row.createCell(2).setCellValue(prefix + i);
                row.createCell(3).setCellValue("服务业");
                row.createCell(4).setCellValue(i % 500);
            }
            book.write(out);
            book.close();
        }
    }
}
