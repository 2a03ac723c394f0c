package io.atrium.observability;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestIdProperties.class)
class ObservabilityConfiguration {

	/**
	 * The management port's endpoints (health with details, info, prometheus) answer anyone who reaches that port:
	 * it is never published (docs/operations.md), and Prometheus scrapes without a login. Only when the port is
	 * another than the public one: on the public port the console's chain keeps them for administrators. Spring
	 * Security's filter serves the management port too, which is why this chain is needed at all.
	 */
	@Bean
	@Order(0)
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	SecurityFilterChain managementFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.build();
	}

	/** First of all filters: whatever any other filter logs carries the id. */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter(RequestIdProperties properties) {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
				new RequestIdFilter(properties));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
