package io.atrium.token.authorizer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the proactive refresh may pull on WeChat ({@code atrium.tokens.refresh.*}).
 *
 * @param concurrency refreshes one instance runs at once; each holds a WeChat call and, briefly, a database
 * connection (the pool has 10 by default)
 * @param maxPerMinute proactive refreshes ({@code api_authorizer_token}) all instances together start in one minute
 * of WeChat's clock; callers that find no valid token still refresh at once, outside this budget. WeChat publishes
 * no per-minute figure for this API (read the platform's with {@code openapi/quota/get}); the default is 40% of the
 * sandbox's 50,000, enough to refresh 100,000 accounts in five minutes after a Redis flush
 */
@ConfigurationProperties("atrium.tokens.refresh")
public record ProactiveRefreshSettings(@DefaultValue("8") int concurrency, @DefaultValue("20000") int maxPerMinute) {

	public ProactiveRefreshSettings {
		if (concurrency < 1 || concurrency > 256) {
			throw new IllegalArgumentException("atrium.tokens.refresh.concurrency must be 1 to 256, was " + concurrency);
		}
		if (maxPerMinute < 1) {
			throw new IllegalArgumentException("atrium.tokens.refresh.max-per-minute must be 1 or more, was " + maxPerMinute);
		}
	}

}
