package io.atrium.gateway;

import java.time.Clock;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApis;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	/**
	 * Multipart bodies of the gateway's paths are WeChat's to read: Spring's resolver would parse (and buffer, and
	 * refuse above 1 MB) an upload the gateway must stream unchanged. Elsewhere multipart works as usual.
	 */
	@Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
	MultipartResolver multipartResolver() {
		return new StandardServletMultipartResolver() {

			@Override
			public boolean isMultipart(HttpServletRequest request) {
				String uri = request.getRequestURI();
				return !uri.startsWith("/api/v1/") && !uri.startsWith("/cgi-bin/") && super.isMultipart(request);
			}

		};
	}

	@Bean
	WeChatGateway weChatGateway(WeChatApis apis, AccountGate gate, AuthorizerTokenManager tokens,
			AccountRateLimiter limiter, QuotaBreaker breaker, UpstreamUsage usage, UpstreamMetrics metrics,
			UpstreamProperties properties, WeChatComponentProperties wechat, Clock clock) {
		return new WeChatGateway(apis, gate, tokens, limiter, breaker, usage, metrics, properties, wechat, clock);
	}

}
