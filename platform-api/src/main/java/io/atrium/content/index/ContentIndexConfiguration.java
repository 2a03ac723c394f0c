package io.atrium.content.index;

import java.time.Clock;

import io.atrium.content.ContentService;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApis;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentIndexProperties.class)
class ContentIndexConfiguration {

	@Bean
	ContentSync contentSync(ContentService content, ContentIndexStore store, UpstreamUsage usage, WeChatApis apis,
			ContentIndexProperties properties, Clock clock) {
		return new ContentSync(content, store, usage, apis, properties, clock);
	}

}
