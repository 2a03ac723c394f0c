package io.atrium.console.security;

import java.io.IOException;
import java.time.Clock;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.atrium.outage.StorageOutage;
import io.atrium.token.redis.RedisKeyspace;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's security. Three chains, most specific first:
 * <ol>
 * <li>{@code /api/v1/**}: bearer API keys (platform-api's {@code ApiSecurityConfiguration}, order 1);</li>
 * <li>what machines and merchants' browsers reach without a console login (order 2): WeChat's pushes (the
 * auth-event URL and the accounts' message URL), the authorization return page, health and the OpenAPI
 * description. No session, no CSRF: WeChat cannot send a
 * token, and the pushes prove themselves by signature;</li>
 * <li>everything else is the console (order 3): form login, sessions (in Redis), CSRF on every form, strict
 * headers.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

	/**
	 * Only this origin's scripts and styles (Bootstrap and htmx come from webjars), no inline script, images from
	 * here or inline ({@code data:} QR codes), never framed.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * The article page also applies {@code style} attributes: WeChat articles are styled almost entirely inline,
	 * and ArticleSanitizer's CSS schema has already dropped {@code url()}, expressions and positioning from them.
	 * {@code <style>} elements ({@code style-src-elem} falls back to {@code style-src}) and scripts stay
	 * {@code 'self'}.
	 */
	static final String ARTICLE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; style-src-attr 'unsafe-inline'";

	/** ContentPagesController's article page, the only page that shows a merchant's HTML. */
	static final RequestMatcher ARTICLE_PAGE = PathPatternRequestMatcher.pathPattern(HttpMethod.GET,
			"/accounts/{appId}/posts/{articleId}");

	private static CookieCsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName("ATRIUM_CSRF");
		tokens.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
		return tokens;
	}

	/** Static: a post-processor is created before the configuration's other beans. */
	@Bean
	static VanishedSessionTolerance vanishedSessionTolerance() {
		return new VanishedSessionTolerance();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// {bcrypt} today; a stored hash names its algorithm, so a stronger default later still reads old hashes.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService consoleUserDetailsService(ConsoleUserRepository users) {
		return new ConsoleUserDetailsService(users);
	}

	@Bean
	PasswordPolicy passwordPolicy(ConsoleProperties properties) {
		// The estimator loads its dictionaries (~1 MB) once, here, rather than on the first password set.
		return new PasswordPolicy(new Zxcvbn(), properties.passwords().minScore());
	}

	@Bean
	InitialAdminRunner initialAdminRunner(ConsoleUsers users, ConsoleProperties properties,
			MessageSource messages) {
		return new InitialAdminRunner(users, properties.initialAdmin(), messages);
	}

	@Bean
	LoginFailures loginFailures(StringRedisTemplate redis, RedisKeyspace keys, ConsoleProperties properties,
			Clock clock) {
		LoginNotices notices = new LoginNotices(redis, keys, properties.loginThrottle().knownAddressFor(), clock);
		return new LoginFailures(redis, keys, properties.loginThrottle(), notices, clock);
	}

	@Bean
	@Order(2)
	SecurityFilterChain publicFilterChain(HttpSecurity http) throws Exception {
		return http
			.securityMatcher("/wechat/component/events", "/wechat/accounts/*/messages", "/wechat/authorization/return",
					"/wechat/authorization/start/*", "/api/openapi.yaml", "/livez", "/readyz")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			// The merchant's pages (the shared link, the return from WeChat) are HTML too: the console's strict headers.
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frame) -> frame.deny()))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain consoleFilterChain(HttpSecurity http, UserDetailsService userDetailsService,
			PasswordEncoder passwordEncoder, LoginFailures failures, ConsoleUserRepository users, Clock clock)
			throws Exception {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetailsService);
		passwords.setPasswordEncoder(passwordEncoder);
		// The password first, then whether the account is enabled: a disabled name then costs the same bcrypt as
		// any other and answers the same way, so it cannot be told apart by timing.
		passwords.setPreAuthenticationChecks((user) -> {
		});
		passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		SimpleUrlAuthenticationFailureHandler refusal = new SimpleUrlAuthenticationFailureHandler("/login?error");
		RedirectStrategy redirects = new DefaultRedirectStrategy();
		// A user table that could not be read is not a wrong password: 503, try again later.
		AuthenticationFailureHandler failureHandler = (request, response, exception) -> {
			if (StorageOutage.isCause(exception)) {
				logger.warn("Console login answered 503: storage unavailable");
				StorageOutage.answer(request, response);
			}
			else if (exception instanceof LoginThrottledException locked) {
				// The login page says how long: locks grow, so a fixed figure would be wrong.
				redirects.sendRedirect(request, response, "/login?locked=" + locked.minutesLeft(clock.instant()));
			}
			else {
				refusal.onAuthenticationFailure(request, response, exception);
			}
		};
		// The credentials version the password was checked against lets SessionCheckFilter end this session once
		// the password is set again or the user disabled.
		RequestCache requestCache = HtmxLoginRedirect.pageRequestCache();
		SavedRequestAwareAuthenticationSuccessHandler successHandler = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				if (authentication.getPrincipal() instanceof ConsolePrincipal principal) {
					SessionCheckFilter.credentialsSeen(request.getSession(), principal.credentialsChangedAt());
					// The first page after the login tells the user of failed attempts on their name since the
					// previous one (LoginNoticeInterceptor).
					failures.recordSuccess(principal.getUsername(), request.getRemoteAddr())
						.ifPresent((notice) -> request.getSession().setAttribute(LoginNotice.SESSION_ATTRIBUTE, notice));
				}
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
		successHandler.setDefaultTargetUrl("/");
		successHandler.setRequestCache(requestCache);
		return http
			.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(passwords, failures)))
			.addFilterBefore(new SessionCheckFilter(users), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				// Actuator is on the management port (ObservabilityConfiguration); here only the probes, in the
				// stateless chain above.
				.requestMatchers("/login", "/webjars/**", "/assets/**", "/error", "/favicon.ico")
				.permitAll()
				// Merchants start their own re-authorization; viewers change nothing.
				.requestMatchers(HttpMethod.POST, "/onboarding")
				.hasAnyRole("PLATFORM_ADMIN", "MERCHANT")
				.requestMatchers(HttpMethod.GET, "/", "/accounts", "/accounts/**", "/onboarding/**", "/img")
				.authenticated()
				.requestMatchers("/me/password")
				.authenticated()
				// The forms that lead to changes are the administrator's, like the changes.
				.requestMatchers(HttpMethod.GET, "/tenants/new", "/tenants/*/edit")
				.hasRole("PLATFORM_ADMIN")
				// A merchant's read-only view of their tenant's webhooks (the controller answers operators 404).
				.requestMatchers(HttpMethod.GET, "/my/webhooks", "/my/api-keys")
				.authenticated()
				.requestMatchers(HttpMethod.GET, "/dashboard", "/tenants", "/tenants/**", "/operations", "/webhooks",
						"/webhooks/**")
				.hasAnyRole("PLATFORM_ADMIN", "PLATFORM_VIEWER")
				.anyRequest()
				.hasRole("PLATFORM_ADMIN"))
			.formLogin((form) -> form.loginPage("/login").failureHandler(failureHandler).successHandler(successHandler))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new HtmxLoginRedirect("/login"), HtmxLoginRedirect.HTMX_REQUEST))
			.requestCache((cache) -> cache.requestCache(requestCache))
			// The token in a cookie rather than in the session, so that an anonymous visitor (the login page, a
			// probe, a crawler) leaves no session in Redis; sessions begin at login.
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens()))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// One policy per request, chosen by path, rather than a page overwriting the strict one.
			.headers((headers) -> headers
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(ARTICLE_PAGE,
						new ContentSecurityPolicyHeaderWriter(ARTICLE_CONTENT_SECURITY_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(ARTICLE_PAGE),
						new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frame) -> frame.deny()))
			.build();
	}

}
