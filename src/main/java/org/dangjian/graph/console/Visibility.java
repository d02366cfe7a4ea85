package org.dangjian.graph.console;

import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Permission;

/**
 * What a console caller may see: personal values, and the audit trail's events. Without the first,
 * statements naming a personal property are refused and personal values of whole nodes and maps are
 * masked; without the second, statements naming {@code AuditEvent} are refused and audit events met
 * in results show no properties.
 */
public record Visibility(boolean personalData, boolean auditTrail) {

    public static final Visibility ALL = new Visibility(true, true);

    public static Visibility of(Caller caller) {
        if (caller == null) {
            return new Visibility(false, false);
        }
        return new Visibility(caller.can(Permission.PERSONAL_DATA), caller.can(Permission.AUDIT));
    }
}
