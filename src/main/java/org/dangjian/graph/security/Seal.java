package org.dangjian.graph.security;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dangjian.graph.api.ApiException;
import org.dangjian.graph.model.GraphModel;
import org.dangjian.graph.model.Property;
import org.dangjian.graph.model.PropertyType;

/**
 * Personal data sealed at rest: every property the model flags personal is stored as
 * {@code sealed:<key id>:<base64>}, AES-256-GCM through a Tink keyset, bound (as associated data) to
 * its label, property and node id, so that a sealed value copied onto another person or field does
 * not open. Whoever reads the store without the key (the console, Bolt, the store files, a backup)
 * reads only that text; the service opens a value only for callers allowed to read it.
 *
 * <p>A keyset holds several keys: the primary one seals, every one opens (by the key id the value
 * names), so a rotation adds a primary and re-seals in batches while the old values still open.
 */
public final class Seal {

    /** How every sealed value begins. */
    public static final String PREFIX = "sealed:";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives cannot be registered", e);
        }
    }

    private final KeysetHandle keyset;
    private final Aead aead;
    private final String primaryPrefix;

    private Seal(KeysetHandle keyset) {
        try {
            this.keyset = keyset;
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryPrefix =
                    PREFIX + Integer.toUnsignedString(keyset.getPrimary().getId(), 16) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keyset holds no usable AEAD key", e);
        }
    }

    /** A seal from a keyset in Tink's JSON format. */
    public static Seal fromJson(String json) {
        try {
            return new Seal(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a Tink keyset in JSON: " + e.getMessage(), e);
        }
    }

    /** A new keyset of one AES-256-GCM key, in Tink's JSON format. */
    public static String newKeysetJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This keyset with a new primary key added (the old keys still open what they sealed). */
    public String rotatedJson() {
        try {
            var rotated = KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a value sealed under the primary key begins, e.g. {@code sealed:1a2b3c4d:}. */
    public String primaryPrefix() {
        return primaryPrefix;
    }

    /** Whether a stored value is sealed (under any key). */
    public static boolean isSealed(Object stored) {
        return stored instanceof String s && s.startsWith(PREFIX);
    }

    /** Seals a value of a property of a node (a date is sealed as its ISO text). */
    public String seal(String label, String property, String id, Object value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] sealed =
                    aead.encrypt(String.valueOf(value).getBytes(StandardCharsets.UTF_8), context(label, property, id));
            return primaryPrefix + Base64.getEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing " + label + "." + property + " failed", e);
        }
    }

    /** Opens a stored value as text; a value that is not sealed is refused, never passed through. */
    public String open(String label, String property, String id, Object stored) {
        if (stored == null) {
            return null;
        }
        if (!(stored instanceof String text) || !text.startsWith(PREFIX)) {
            throw new IllegalStateException(label + "." + property + " of " + id
                    + " is stored unsealed; the start-up sealing migration should have sealed it");
        }
        int colon = text.indexOf(':', PREFIX.length());
        try {
            byte[] opened =
                    aead.decrypt(Base64.getDecoder().decode(text.substring(colon + 1)), context(label, property, id));
            return new String(opened, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    label + "." + property + " of " + id + " does not open with this keyset (altered, moved"
                            + " from another node, or sealed under a key the keyset lacks)");
        }
    }

    /** Opens a stored value as its model type: a {@link LocalDate} for dates, text otherwise. */
    public Object openTyped(String label, String property, String id, Object stored) {
        String text = open(label, property, id, stored);
        if (text == null) {
            return null;
        }
        boolean date = GraphModel.findNodeType(label)
                .flatMap(t -> t.property(property))
                .map(p -> p.type() == PropertyType.DATE)
                .orElse(false);
        return date ? LocalDate.parse(text) : text;
    }

    /** A copy of a node's properties with its personal ones sealed; the others unchanged. */
    public Map<String, Object> sealPersonal(String label, String id, Map<String, Object> properties) {
        var type = GraphModel.findNodeType(label);
        if (type.isEmpty()) {
            return properties;
        }
        Map<String, Object> out = null;
        for (Property p : type.get().properties()) {
            if (p.personal() && properties.get(p.name()) != null && !isSealed(properties.get(p.name()))) {
                if (out == null) {
                    out = new LinkedHashMap<>(properties);
                }
                out.put(p.name(), seal(label, p.name(), id, properties.get(p.name())));
            }
        }
        return out == null ? properties : out;
    }

    /**
     * A tag that authenticates the given bytes (AES-GCM over no plaintext, the bytes as associated
     * data: GMAC under the primary key); anyone without the keyset can neither forge nor check it.
     */
    public String authenticate(byte[] data) {
        try {
            return primaryPrefix + Base64.getEncoder().withoutPadding().encodeToString(aead.encrypt(new byte[0], data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a tag of {@link #authenticate} fits the bytes (under any key of the keyset). */
    public boolean authentic(String tag, byte[] data) {
        if (tag == null || !tag.startsWith(PREFIX)) {
            return false;
        }
        try {
            aead.decrypt(Base64.getDecoder().decode(tag.substring(tag.indexOf(':', PREFIX.length()) + 1)), data);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] context(String label, String property, String id) {
        return (label + "." + property + "/" + id).getBytes(StandardCharsets.UTF_8);
    }

    /** Refusal for a write of personal data where no key is configured. */
    static ApiException noKey() {
        return ApiException.validation("Personal data cannot be stored: no personal-data key is configured"
                + " (party-graph.personal-data.keyset-file)");
    }
}
