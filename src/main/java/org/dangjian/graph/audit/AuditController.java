package org.dangjian.graph.audit;

import java.util.Map;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The audit trail for administrators (who may read it is decided by the access layer). */
@Controller
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @QueryMapping
    PageConnection<AuditTrail.Recorded> auditEvents(
            @Argument Map<String, Object> filter, @Argument Integer first, @Argument String after) {
        return trail.page(filter, Paging.first(first), after);
    }

    @QueryMapping
    AuditChain.Verification verifyAuditTrail() {
        return trail.verify();
    }
}
