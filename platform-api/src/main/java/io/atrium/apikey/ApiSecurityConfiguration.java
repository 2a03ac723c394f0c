package io.atrium.apikey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The filter chain of {@code /api/v1/**}: stateless, bearer API keys, no session, no CSRF (no cookies are
 * involved). It matches only that path: with this chain defined, Spring Boot's default chain backs off, so the
 * WeChat callback, the authorization return page, actuator health and the demo stay as open as before; the
 * console's form login will add its own chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurityConfiguration {

	/** A bean, so that Boot does not also configure an in-memory user with a generated password. */
	@Bean
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyService keys) {
		return new ApiKeyAuthenticationProvider(keys);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyAuthenticationProvider provider) throws Exception {
		ProblemEntryPoint entryPoint = new ProblemEntryPoint();
		ProviderManager authenticationManager = new ProviderManager(provider);
		return http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new BearerKeyAuthenticationFilter(authenticationManager, entryPoint),
					AnonymousAuthenticationFilter.class)
			.build();
	}

}
