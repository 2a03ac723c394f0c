package io.atrium.routing;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.accept.ContentNegotiationManager;

/**
 * Puts {@link ApiHandlerMapping} ahead of Boot's request mapping. It needs none of the console's interceptors (the
 * language switch, the login notice): the API answers JSON, not pages.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutingConfiguration {

	@Bean
	ApiHandlerMapping apiHandlerMapping(
			@Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiationManager) {
		ApiHandlerMapping mapping = new ApiHandlerMapping();
		mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
		mapping.setContentNegotiationManager(contentNegotiationManager);
		return mapping;
	}

}
