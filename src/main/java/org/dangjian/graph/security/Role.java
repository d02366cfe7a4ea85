package org.dangjian.graph.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The four roles and what each may do. Roles are not a ladder: an analyst queries the graph in the
 * console but neither writes nor sees personal data; an editor writes and sees personal data but has
 * no console; an administrator may do everything. A user may hold several roles.
 */
public enum Role {
    /** Reads the API; personal data masked. */
    VIEWER(EnumSet.of(Permission.READ)),
    /** Also creates, changes and ends nodes and ties, and sees personal data. */
    EDITOR(EnumSet.of(Permission.READ, Permission.WRITE, Permission.PERSONAL_DATA)),
    /** Also runs read-only Cypher in the console and the named queries; personal data masked. */
    ANALYST(EnumSet.of(Permission.READ, Permission.CONSOLE)),
    /** Everything, including the audit trail, the settings and the operational endpoints. */
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named by a claim or configuration value ("viewer", "ROLE_VIEWER"), or null. */
    public static Role parse(String value) {
        if (value == null) {
            return null;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring(5);
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
