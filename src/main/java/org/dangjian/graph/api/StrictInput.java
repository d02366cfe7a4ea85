package org.dangjian.graph.api;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * Input is taken as it is meant or refused, never silently changed into something else:
 *
 * <ul>
 *   <li>{@code Date} is read strictly: {@code 1990-02-30} is refused, not turned into 28 February;
 *   <li>every text argument of a root field ({@link #arguments}) is refused when it holds NUL or other
 *       control characters (line breaks and tabs excepted), bidirectional controls, zero-width
 *       characters or a lone surrogate, and is passed on in Unicode normal form C, so that one name is
 *       stored one way;
 *   <li>errors that graphql-java raises before anything runs (a value of the wrong shape, a request
 *       too deep or too complex) carry {@code extensions.code} like every other refusal: {@code
 *       VALIDATION} or {@code LIMIT}, the latter naming its setting.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class StrictInput {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** {@code Date}: an ISO calendar date that exists. */
    public static final GraphQLScalarType DATE_SCALAR = GraphQLScalarType.newScalar()
            .name("Date")
            .description("A calendar date, YYYY-MM-DD; a day that does not exist is refused")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof LocalDate date) {
                        return date.format(DATE);
                    }
                    if (value instanceof TemporalAccessor t) {
                        return LocalDate.from(t).format(DATE);
                    }
                    if (value instanceof String s) {
                        return parse(s, CoercingSerializeException::new).format(DATE);
                    }
                    throw new CoercingSerializeException("Not a date: " + value);
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        return parse(s, CoercingParseValueException::new);
                    }
                    if (input instanceof LocalDate date) {
                        return date;
                    }
                    throw new CoercingParseValueException("A Date is written as a string YYYY-MM-DD, not " + input);
                }

                @Override
                public LocalDate parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue s) {
                        return parse(s.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("A Date is written as a string YYYY-MM-DD");
                }

                @Override
                public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                    return StringValue.of(serialize(input, context, locale));
                }
            })
            .build();

    /**
     * The arguments of a root field with every text checked ({@link #problem}) and put in Unicode
     * normal form C, however deep it sits in input objects and lists; a refusal names the argument.
     */
    public static Map<String, Object> arguments(Map<String, Object> arguments) {
        @SuppressWarnings("unchecked")
        var cleaned = (Map<String, Object>) clean(arguments, "");
        return cleaned;
    }

    private static Object clean(Object value, String path) {
        if (value instanceof String s) {
            String problem = problem(s);
            if (problem != null) {
                throw ApiException.validation(path + ": " + problem);
            }
            return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put((String) k, clean(v, path.isEmpty() ? (String) k : path + "." + k)));
            return out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<Object>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(clean(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private interface Failure {
        RuntimeException of(String message);
    }

    private static LocalDate parse(String text, Failure failure) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw failure.of("Not a date that exists: '" + text + "' (expected YYYY-MM-DD)");
        }
    }

    /** What is wrong with a text, or null: the first character refused, with its position. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return refused(i, c, "a lone surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return refused(i, c, "a lone surrogate");
            }
            if (c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return refused(i, c, c == 0 ? "NUL" : "a control character");
            }
            if ((c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x200e
                    || c == 0x200f
                    || c == 0x061c) {
                return refused(i, c, "a bidirectional control");
            }
            if ((c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0x180e) {
                return refused(i, c, "a zero-width character");
            }
        }
        return null;
    }

    private static String refused(int at, char c, String what) {
        return String.format("Text holds %s (U+%04X) at position %d; it is refused", what, (int) c, at);
    }

    /** Whether a text has a line break (names and codes are one line). */
    public static boolean multiLine(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    /**
     * Gives the errors graphql-java raises itself a code: a value it could not take is VALIDATION, a
     * request too deep or too complex is LIMIT, with the setting that limits it.
     */
    @Bean
    WebGraphQlInterceptor errorCodes(
            @org.springframework.beans.factory.annotation.Value("${party-graph.graphql.max-depth:15}") int maxDepth,
            @org.springframework.beans.factory.annotation.Value("${party-graph.graphql.max-complexity:1000}")
                    int maxComplexity) {
        return (request, chain) -> chain.next(request).map(response -> {
            if (response.getErrors().isEmpty()
                    || response.getErrors().stream()
                            .allMatch(e -> e.getExtensions() != null
                                    && e.getExtensions().containsKey("code"))) {
                return response;
            }
            return response.transform(builder -> {
                var errors = new ArrayList<GraphQLError>();
                for (var error : response.getErrors()) {
                    var extensions = error.getExtensions() == null
                            ? new LinkedHashMap<String, Object>()
                            : new LinkedHashMap<>(error.getExtensions());
                    String message = error.getMessage() == null ? "" : error.getMessage();
                    if (!extensions.containsKey("code")) {
                        if (message.contains("maximum query depth exceeded")) {
                            extensions.put("code", "LIMIT");
                            message = message + " (party-graph.graphql.max-depth = " + maxDepth + ")";
                        } else if (message.contains("maximum query complexity exceeded")) {
                            extensions.put("code", "LIMIT");
                            message = message + " (party-graph.graphql.max-complexity = " + maxComplexity + ")";
                        } else {
                            extensions.put("code", "VALIDATION");
                        }
                    }
                    errors.add(GraphqlErrorBuilder.newError()
                            .message(message)
                            .locations(error.getLocations())
                            .path(
                                    error.getParsedPath().isEmpty()
                                            ? (java.util.List<Object>) null
                                            : new ArrayList<Object>(error.getParsedPath()))
                            .errorType(error.getErrorType())
                            .extensions(extensions)
                            .build());
                }
                builder.errors(errors);
            });
        });
    }
}
