package io.atrium.apikey;

import java.util.List;
import java.util.Map;

import io.atrium.upstream.AccountRateLimiter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The filter chain of {@code /api/v1/**}: stateless, bearer API keys, no session, no CSRF (no cookies are
 * involved), and each part of the API behind its scope ({@link #SCOPES}). It matches only that path: with this
 * chain defined, Spring Boot's default chain backs off, so the WeChat callback, the authorization return page,
 * actuator health and the demo stay as open as before; the console's form login adds its own chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurityConfiguration {

	/** Which scope each part of the API needs; the account list is open to any key (it is its own scope's list). */
	private static final Map<ApiScope, List<RequestMatcher>> SCOPES = Map.of(ApiScope.CONTENT_READ,
			matchers("/api/v1/accounts/*/articles", "/api/v1/accounts/*/articles/**", "/api/v1/accounts/*/materials",
					"/api/v1/accounts/*/materials/**", "/api/v1/accounts/*/sync", "/api/v1/articles"),
			ApiScope.WECHAT_CALL, matchers("/api/v1/accounts/*/wechat/**"), ApiScope.TOKEN_LEND,
			matchers("/api/v1/accounts/*/access-token", "/api/v1/accounts/*/access-token/**"),
			ApiScope.COMPONENT_TOKEN_LEND, matchers("/api/v1/component/access-token",
					"/api/v1/component/access-token/**"));

	/**
	 * No Spring Security observations, for every filter chain: they wrap each filter of each request and nothing
	 * reads them (a fifth of the API's CPU per request in issue 12's profile). HTTP server requests stay observed.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** A bean, so that Boot does not also configure an in-memory user with a generated password. */
	@Bean
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyService keys) {
		return new ApiKeyAuthenticationProvider(keys);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyAuthenticationProvider provider,
			AccountRateLimiter limiter, ApiKeyUsage usage) throws Exception {
		ProblemEntryPoint problems = new ProblemEntryPoint();
		ProviderManager authenticationManager = new ProviderManager(provider);
		return stateless(http.securityMatcher("/api/v1/**"))
			.authorizeHttpRequests((requests) -> {
				SCOPES.forEach((scope, matchers) -> requests.requestMatchers(matchers.toArray(RequestMatcher[]::new))
					.hasAuthority(scope.authority()));
				requests.anyRequest().authenticated();
			})
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.addFilterBefore(new KeyAuthenticationFilter(KeyAuthenticationFilter.KeySource.BEARER, authenticationManager,
					problems, limiter, usage), AnonymousAuthenticationFilter.class)
			.build();
	}

	/**
	 * The chain of WeChat's own paths on Atrium's address ({@code /cgi-bin/**}), for SDKs pointed at Atrium: the key
	 * comes as {@code ?access_token=}, every refusal is in WeChat's shape (the gateway's SDK controller checks scope
	 * and binding, since an SDK reads errcodes, not HTTP statuses). The token fetch ({@code /cgi-bin/token}) takes
	 * the key as its secret and needs no token.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain sdkFilterChain(HttpSecurity http, ApiKeyAuthenticationProvider provider,
			AccountRateLimiter limiter, ApiKeyUsage usage) throws Exception {
		return stateless(http.securityMatcher("/cgi-bin/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.anonymous((anonymous) -> anonymous.disable())
			.addFilterBefore(new KeyAuthenticationFilter(KeyAuthenticationFilter.KeySource.ACCESS_TOKEN_PARAMETER,
					new ProviderManager(provider), new WeChatShapedRefusals(), limiter, usage),
					AnonymousAuthenticationFilter.class)
			.build();
	}

	/** What both chains are: no session, no cookies (so no CSRF), no login forms; a key on every request. */
	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable());
	}

	/** The scope a request needs, for the refusal's message. */
	static ApiScope requiredScope(HttpServletRequest request) {
		return SCOPES.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().stream().anyMatch((matcher) -> matcher.matches(request)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(ApiScope.CONTENT_READ);
	}

	private static List<RequestMatcher> matchers(String... patterns) {
		return List.of(patterns).stream().<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher).toList();
	}

}
