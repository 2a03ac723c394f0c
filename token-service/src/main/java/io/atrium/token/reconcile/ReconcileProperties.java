package io.atrium.token.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconcile against WeChat's authorizer list.
 *
 * @param interval how often the deployment reconciles (once per interval across all its instances)
 * @param initialDelay how long after an instance starts its schedule first asks for the deployment's turn
 * @param importConcurrency accounts an import takes into custody at once (each one {@code api_get_authorizer_info}
 * call and one PostgreSQL transaction)
 */
@ConfigurationProperties("atrium.reconcile")
public record ReconcileProperties(@DefaultValue("6h") Duration interval, @DefaultValue("5m") Duration initialDelay,
		@DefaultValue("4") int importConcurrency) {

	public ReconcileProperties {
		if (importConcurrency < 1 || importConcurrency > 64) {
			throw new IllegalArgumentException(
					"atrium.reconcile.import-concurrency must be 1 to 64, was " + importConcurrency);
		}
	}

}
