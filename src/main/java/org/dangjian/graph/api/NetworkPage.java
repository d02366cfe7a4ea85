package org.dangjian.graph.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves the network page, {@code static/network/index.html}, at {@code /network}. */
@Configuration(proxyBeanMethods = false)
class NetworkPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/network", "/network/index.html");
    }
}
