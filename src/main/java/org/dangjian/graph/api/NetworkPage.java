package org.dangjian.graph.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the pages of the service from the jar: the network page ({@code static/network/}) at {@code
 * /network}, and GraphiQL ({@code static/graphiql/}, its scripts and styles vendored) at {@code
 * /graphiql}, and the dashboard ({@code static/dashboard/}, Apache ECharts vendored) at {@code /dashboard};
 * no page asks anything of the internet.
 */
@Configuration(proxyBeanMethods = false)
class NetworkPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/network", "/network/index.html");
        registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
        registry.addRedirectViewController("/dashboard", "/dashboard/index.html")
                .setKeepQueryParams(true);
    }
}
