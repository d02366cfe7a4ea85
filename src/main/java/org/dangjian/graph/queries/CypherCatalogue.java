package org.dangjian.graph.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dangjian.graph.api.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The named queries of {@code cypher/queries/}, read once at start-up: the one source of the
 * domain questions that the service runs and analysts run unchanged. Each file starts with a header:
 *
 * <pre>
 * // title: Counts per type and kind inside a scope
 * // title_zh: 范围内各类节点和关系统计
 * // description: …
 * // param scope: ID! = area-c000-0000002
 * // param asOf: Date! = 2020-03-01
 * </pre>
 */
@Component
public class CypherCatalogue {

    private static final Pattern HEADER = Pattern.compile("^//\\s*(title_zh|title|description|param)\\s*:?\\s*(.*)$");
    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*:\\s*([\\w\\[\\]!]+)\\s*(?:=\\s*(.*))?");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^//\\s*include:\\s*([\\w-]+)\\s*$");

    private final Map<String, NamedQuery> queries = new TreeMap<>();
    private final Map<String, String> fragments = new java.util.HashMap<>();

    public CypherCatalogue(
            @Value("${party-graph.queries.location:classpath:cypher/queries}") String location,
            @Value("${party-graph.queries.fragments:classpath:cypher/fragments}") String fragmentLocation) {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            for (Resource r : resolver.getResources(fragmentLocation + "/*.cypher")) {
                fragments.put(
                        r.getFilename().replaceFirst("\\.cypher$", ""), r.getContentAsString(StandardCharsets.UTF_8));
            }
            for (Resource r : resolver.getResources(location + "/*.cypher")) {
                String name = r.getFilename().replaceFirst("\\.cypher$", "");
                queries.put(name, parse(name, include(name, r.getContentAsString(StandardCharsets.UTF_8), fragments)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The statement of a query with one of its fragments left out, e.g. a rule's findings without the
     * fragment that pages them.
     */
    public String without(String name, String fragment) {
        String text = fragments.get(fragment);
        String cypher = get(name).cypher();
        if (text == null || !cypher.contains(text.stripTrailing())) {
            throw new IllegalStateException(name + " does not include " + fragment);
        }
        return cypher.replace(text.stripTrailing(), "");
    }

    /** The query of this name; an {@link ApiException} NOT_FOUND if there is none. */
    public NamedQuery get(String name) {
        var query = queries.get(name);
        if (query == null) {
            throw ApiException.notFound("No named query " + name);
        }
        return query;
    }

    public Collection<NamedQuery> all() {
        return queries.values();
    }

    /**
     * Replaces each {@code // include: name} line by the fragment {@code cypher/fragments/name.cypher}:
     * what several questions share (what lies inside a scope) is written once, and the text analysts
     * see in {@code namedQueries} is the whole statement that runs.
     */
    static String include(String name, String text, Map<String, String> fragments) {
        return INCLUDE.matcher(text).replaceAll(m -> {
            String fragment = fragments.get(m.group(1));
            if (fragment == null) {
                throw new IllegalStateException(
                        name + ".cypher includes " + m.group(1) + ", which is not in" + " cypher/fragments");
            }
            return java.util.regex.Matcher.quoteReplacement(fragment.stripTrailing());
        });
    }

    static NamedQuery parse(String name, String text) {
        String title = null, titleZh = null;
        var description = new StringBuilder();
        List<NamedQuery.Parameter> parameters = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = HEADER.matcher(line.strip());
            if (!line.strip().startsWith("//")) {
                break;
            }
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            switch (m.group(1)) {
                case "title" -> title = value;
                case "title_zh" -> titleZh = value;
                case "description" ->
                    description.append(description.isEmpty() ? "" : " ").append(value);
                case "param" -> {
                    Matcher p = PARAM.matcher(value);
                    if (!p.matches()) {
                        throw new IllegalStateException("Bad parameter line in " + name + ".cypher: " + line);
                    }
                    String type = p.group(2);
                    parameters.add(new NamedQuery.Parameter(
                            p.group(1),
                            type.replace("!", ""),
                            type.endsWith("!"),
                            p.group(3) == null ? null : p.group(3).strip()));
                }
                default -> {}
            }
        }
        if (title == null || titleZh == null) {
            throw new IllegalStateException(name + ".cypher needs '// title:' and '// title_zh:' header lines");
        }
        return new NamedQuery(name, title, titleZh, description.toString(), List.copyOf(parameters), text);
    }
}
