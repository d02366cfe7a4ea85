package org.dangjian.graph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** When the service refuses to start, and why; and that the demo users' passwords are the documented ones. */
class SecurityStartupTests {

    static final String HASH = "$2a$04$x6jDDkJvD7hvNMIRT4ht7ucLYkZbuWwBF9A22K.T58Lscjko2Bowu";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettings.class)
    @Import(SecurityConfiguration.class)
    @EnableWebMvc
    static class Setup {}

    final WebApplicationContextRunner runner = new WebApplicationContextRunner().withUserConfiguration(Setup.class);

    @Test
    void noUserSourceRefusesToStartAndSaysWhatToDo() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            var refusal = rootRefusal(context.getStartupFailure());
            assertThat(refusal.getMessage()).contains("No user source");
            FailureAnalysis analysis = new StartRefusalFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getAction())
                    .contains("party-graph.security.users")
                    .contains("demo");
        });
    }

    @Test
    void configuredUsersStart() {
        runner.withPropertyValues(user(0, "zhang", HASH, "EDITOR,ANALYST"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
    }

    @Test
    void plainPasswordsUnknownRolesAndDuplicatesAreRefused() {
        runner.withPropertyValues(user(0, "zhang", "zhang123", "EDITOR"))
                .run(context -> assertThat(
                                rootRefusal(context.getStartupFailure()).getMessage())
                        .contains("not a bcrypt hash"));
        runner.withPropertyValues(user(0, "zhang", HASH, "SUPERUSER"))
                .run(context -> assertThat(
                                rootRefusal(context.getStartupFailure()).getMessage())
                        .contains("unknown role SUPERUSER"));
        runner.withPropertyValues(concat(user(0, "zhang", HASH, "VIEWER"), user(1, "zhang", HASH, "ADMIN")))
                .run(context -> assertThat(
                                rootRefusal(context.getStartupFailure()).getMessage())
                        .contains("configured twice"));
    }

    @Test
    void theDemoUsersAreRefusedOffLoopback() {
        var demo = concat(user(0, "viewer", HASH, "VIEWER"), new String[] {"party-graph.security.demo=true"});
        runner.withPropertyValues(concat(demo, new String[] {"server.address=0.0.0.0"}))
                .run(context -> assertThat(
                                rootRefusal(context.getStartupFailure()).getMessage())
                        .contains("only be used on loopback"));
        runner.withPropertyValues(demo)
                .run(context -> assertThat(
                                rootRefusal(context.getStartupFailure()).getMessage())
                        .contains("every interface"));
        runner.withPropertyValues(concat(demo, new String[] {"server.address=127.0.0.1"}))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theDemoProfileHasOneUserPerRoleWithTheDocumentedPassword() throws Exception {
        var demo = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application-demo.properties")) {
            demo.load(in);
        }
        assertThat(demo.getProperty("server.address")).isEqualTo("127.0.0.1");
        var bcrypt = new BCryptPasswordEncoder();
        for (int i = 0; i < Role.values().length; i++) {
            String name = demo.getProperty("party-graph.security.users[" + i + "].name");
            assertThat(demo.getProperty("party-graph.security.users[" + i + "].roles"))
                    .isEqualTo(name.toUpperCase());
            assertThat(bcrypt.matches(
                            name + "-demo", demo.getProperty("party-graph.security.users[" + i + "].password")))
                    .as(name)
                    .isTrue();
        }
        // The users with a jurisdiction: 那大镇 and 东风大社区, viewers and editors, same password rule.
        var limited = java.util.Map.of("nada", "area-c000-0000002", "dongfeng", "area-c000-0000003");
        for (int i = Role.values().length; i < Role.values().length + limited.size(); i++) {
            String p = "party-graph.security.users[" + i + "].";
            String name = demo.getProperty(p + "name");
            assertThat(limited).containsKey(name);
            assertThat(demo.getProperty(p + "roles")).isEqualTo("VIEWER,EDITOR");
            assertThat(demo.getProperty(p + "jurisdictions")).isEqualTo(limited.get(name));
            assertThat(bcrypt.matches(name + "-demo", demo.getProperty(p + "password")))
                    .as(name)
                    .isTrue();
        }
    }

    private static StartRefusal rootRefusal(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StartRefusal)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a StartRefusal in " + failure).isNotNull();
        return (StartRefusal) cause;
    }

    private static String[] user(int i, String name, String password, String roles) {
        String p = "party-graph.security.users[" + i + "].";
        return new String[] {p + "name=" + name, p + "password=" + password, p + "roles=" + roles};
    }

    private static String[] concat(String[] a, String[] b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
