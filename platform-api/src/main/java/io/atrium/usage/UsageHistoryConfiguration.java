package io.atrium.usage;

import java.time.Clock;

import io.atrium.token.cache.RefreshOutcomes;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApis;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsageHistoryProperties.class)
class UsageHistoryConfiguration {

	@Bean
	UsageSource usageSource(UpstreamUsage usage, RefreshOutcomes refreshes) {
		return new UsageSource(usage, refreshes);
	}

	@Bean
	UsageDayStore usageDayStore(JdbcClient jdbc) {
		return new UsageDayStore(jdbc);
	}

	@Bean
	UsageRollup usageRollup(UsageSource source, UsageDayStore store, UsageHistoryProperties properties, Clock clock) {
		return new UsageRollup(source, store, properties, clock);
	}

	@Bean
	UsageHistory usageHistory(UsageSource source, UsageDayStore store, WeChatApis apis, Clock clock) {
		return new UsageHistory(source, store, apis, clock);
	}

}
