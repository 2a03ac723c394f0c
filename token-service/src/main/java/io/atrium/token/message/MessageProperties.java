package io.atrium.token.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slow work on messages ({@link MessageWork}).
 *
 * @param workers threads that do it
 * @param queueCapacity work waiting for a thread at most; more is dropped (and recorded)
 */
@ConfigurationProperties("atrium.messages")
record MessageProperties(@DefaultValue("4") int workers, @DefaultValue("100") int queueCapacity) {

	MessageProperties {
		if (workers < 1 || queueCapacity < 1) {
			throw new IllegalArgumentException("atrium.messages.workers and queue-capacity must be at least 1");
		}
	}

}
