package io.atrium.token.reconcile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import's concurrency as an operator sets it: defaults, bounds, and a clear refusal at start-up. */
class ReconcilePropertiesTests {

	@Test
	void anImportTakesFourAccountsAtOnceUnlessConfigured() {
		assertThat(bind(Map.of()).importConcurrency()).isEqualTo(4);
		assertThat(bind(Map.of("atrium.reconcile.import-concurrency", "16")).importConcurrency()).isEqualTo(16);
	}

	@Test
	void aConcurrencyOutsideOneToSixtyFourIsRefusedByName() {
		for (int refused : new int[] { 0, -1, 65 }) {
			assertThatThrownBy(() -> new ReconcileProperties(Duration.ofHours(6), Duration.ofMinutes(5), refused))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("atrium.reconcile.import-concurrency must be 1 to 64, was " + refused);
		}
		assertThat(new ReconcileProperties(Duration.ofHours(6), Duration.ofMinutes(5), 64).importConcurrency())
			.isEqualTo(64);
	}

	private static ReconcileProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("atrium.reconcile",
				ReconcileProperties.class);
	}

}
