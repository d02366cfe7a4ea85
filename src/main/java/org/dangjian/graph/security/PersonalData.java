package org.dangjian.graph.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.Property;

/**
 * The personal properties of the {@link GraphModel} (phone, identity number, birth date, address, and
 * any property flagged personal later) and how each is masked for callers without {@link
 * Permission#PERSONAL_DATA}: a phone keeps its first three and last four digits ({@code 138****5678}),
 * an identity number its first and last four characters, an address its first few characters; a date
 * and anything else is hidden entirely.
 */
public final class PersonalData {

    /** Names of every personal property of any node type. */
    public static final Set<String> KEYS = GraphModel.nodeTypes().stream()
            .flatMap(t -> t.properties().stream())
            .filter(Property::personal)
            .map(Property::name)
            .collect(Collectors.toUnmodifiableSet());

    /** What replaces a value that is hidden entirely. */
    public static final String HIDDEN = "****";

    private PersonalData() {}

    public static boolean isPersonal(String key) {
        return KEYS.contains(key);
    }

    /** Whether this field of this node type holds personal data, per the model. */
    public static boolean isPersonal(String label, String field) {
        return GraphModel.findNodeType(label)
                .flatMap(t -> t.property(field))
                .map(Property::personal)
                .orElse(false);
    }

    /** The masked form of a personal value, as a string; null stays null. */
    public static String mask(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (Seal.isSealed(value)) {
            return HIDDEN; // as stored: nothing of it is worth showing
        }
        String text = String.valueOf(value);
        return switch (key) {
            case "phone" -> keep(text, 3, 4);
            case "idNumber" -> keep(text, 4, 4);
            case "address" -> text.length() < 4 ? HIDDEN : text.substring(0, Math.min(6, text.length() / 3)) + HIDDEN;
            default -> HIDDEN;
        };
    }

    /** A copy of a map, its lists and maps included, with every personal key's value masked. */
    public static Map<String, Object> maskDeep(Map<String, ?> map) {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(k, isPersonal(k) ? mask(k, v) : maskValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return maskDeep((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PersonalData::maskValue).toList();
        }
        return value;
    }

    private static String keep(String text, int head, int tail) {
        if (text.length() <= head + tail) {
            return HIDDEN;
        }
        return text.substring(0, head) + "*".repeat(text.length() - head - tail) + text.substring(text.length() - tail);
    }
}
