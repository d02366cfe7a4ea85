package org.dangjian.graph.audit;

import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.dangjian.graph.paging.PageConnection;
import org.dangjian.graph.paging.Paging;
import org.dangjian.graph.security.Caller;
import org.dangjian.graph.security.Jurisdictions;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The audit trail for administrators (who may read it is decided by the access layer). */
@Controller
class AuditController {

    private final AuditTrail trail;
    private final Jurisdictions jurisdictions;

    AuditController(AuditTrail trail, Jurisdictions jurisdictions) {
        this.trail = trail;
        this.jurisdictions = jurisdictions;
    }

    @QueryMapping
    PageConnection<AuditTrail.Recorded> auditEvents(
            @Argument Map<String, Object> filter,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        return trail.page(filter, Paging.first(first), after, jurisdictions.within(Caller.of(env)));
    }

    @QueryMapping
    AuditChain.Verification verifyAuditTrail() {
        return trail.verify();
    }
}
