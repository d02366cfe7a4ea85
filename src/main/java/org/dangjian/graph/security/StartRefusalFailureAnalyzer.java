package org.dangjian.graph.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link StartRefusal} as Spring Boot's "APPLICATION FAILED TO START" report, not a stack trace. */
class StartRefusalFailureAnalyzer extends AbstractFailureAnalyzer<StartRefusal> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartRefusal cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
