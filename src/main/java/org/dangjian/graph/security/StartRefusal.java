package org.dangjian.graph.security;

/** A configuration the service refuses to start with; Spring Boot prints the reason and the remedy. */
public class StartRefusal extends RuntimeException {

    private final String action;

    public StartRefusal(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
