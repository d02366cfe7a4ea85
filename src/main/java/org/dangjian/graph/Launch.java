package org.dangjian.graph;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point. Compiled for Java 17 (see pom.xml), the oldest JDK Spring Boot's launcher
 * runs on, so that an older JDK hears "needs JDK 21" instead of an UnsupportedClassVersionError;
 * then it starts {@link PartyGraphApplication}, loaded only once the JDK is known to be new enough.
 */
public final class Launch {

    /** The oldest JDK the service runs on (Neo4j 2026 needs it). */
    static final int REQUIRED = 21;

    private Launch() {}

    public static void main(String[] args) throws Throwable {
        int feature = Runtime.version().feature();
        if (feature < REQUIRED) {
            System.err.println("This service needs JDK " + REQUIRED + " or newer (Neo4j 2026 runs on it); this is JDK "
                    + feature + " at " + System.getProperty("java.home") + ". Run it with a newer java, e.g."
                    + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar <this jar>");
            System.exit(1);
        }
        try {
            Class.forName("org.dangjian.graph.PartyGraphApplication")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
