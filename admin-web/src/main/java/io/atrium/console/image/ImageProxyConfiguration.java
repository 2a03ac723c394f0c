package io.atrium.console.image;

import io.atrium.outbound.HostResolver;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's image proxy: one pooled HTTP client whose only resolver checks every address it hands out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageProxyProperties.class)
class ImageProxyConfiguration {

	@Bean
	ImageFetcher imageFetcher(ImageProxyProperties properties) {
		return new ImageFetcher(properties, HostResolver.SYSTEM);
	}

}
