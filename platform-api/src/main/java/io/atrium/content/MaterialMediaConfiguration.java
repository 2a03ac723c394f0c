package io.atrium.content;

import io.atrium.gateway.WeChatGateway;
import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.CheckedDnsResolver;
import io.atrium.outbound.HostResolver;
import io.atrium.outbound.PooledHttpClients;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.WeChatApis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Materials' bytes: WeChat's {@code get_material} through the gateway, and a separate client for videos'
 * {@code down_url}, whose addresses are checked like the image proxy's ({@link AddressPolicy}: public unicast
 * only; loopback only where {@code atrium.content.media.allow-loopback} is set, the demo's sandbox).
 */
@Configuration(proxyBeanMethods = false)
class MaterialMediaConfiguration {

	@Bean
	MaterialMedia materialMedia(AccountGate gate, WeChatGateway gateway, WeChatApis apis,
			UpstreamProperties properties, @Value("${atrium.content.media.allow-loopback:false}") boolean allowLoopback) {
		return new MaterialMedia(gate, gateway, apis,
				PooledHttpClients
					.builder(new CheckedDnsResolver(HostResolver.SYSTEM, new AddressPolicy(allowLoopback)),
							properties.connectTimeout(), properties.readTimeout(), 32, 8)
					.setUserAgent("Atrium material media")
					.build());
	}

}
