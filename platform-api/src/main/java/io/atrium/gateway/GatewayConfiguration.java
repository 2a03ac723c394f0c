package io.atrium.gateway;

import java.time.Clock;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApis;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	@Bean
	WeChatGateway weChatGateway(WeChatApis apis, AccountGate gate, AuthorizerTokenManager tokens,
			AccountRateLimiter limiter, QuotaBreaker breaker, UpstreamUsage usage, UpstreamProperties properties,
			WeChatComponentProperties wechat, Clock clock) {
		return new WeChatGateway(apis, gate, tokens, limiter, breaker, usage, properties, wechat, clock);
	}

}
