package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StateSignerTests {

	private static final String SECRET = "unit-test-state-secret-0123456789abcdef";

	private final StateSigner signer = new StateSigner(SECRET);

	private final OnboardingState state = new OnboardingState(42, UUID.fromString("0b6e1c3a-9d7f-4e25-8a61-3f2c5d9e8b10"),
			Instant.ofEpochSecond(1795251073));

	@Test
	void signedStateVerifiesToWhatWasSigned() {
		String signed = this.signer.sign(this.state);

		assertThat(signed).startsWith("v1.42.0b6e1c3a-9d7f-4e25-8a61-3f2c5d9e8b10.1795251073.");
		assertThat(this.signer.verify(signed)).isEqualTo(this.state);
	}

	@Test
	void everyAlteredCharacterIsRefused() {
		String signed = this.signer.sign(this.state);
		for (int i = 0; i < signed.length(); i++) {
			char replacement = (signed.charAt(i) == 'A') ? 'B' : 'A';
			String altered = signed.substring(0, i) + replacement + signed.substring(i + 1);
			assertThatExceptionOfType(InvalidStateException.class).as("altered at %d", i)
				.isThrownBy(() -> this.signer.verify(altered));
		}
	}

	@Test
	void anotherTenantOrExpiryWithTheOldSignatureIsRefused() {
		String signed = this.signer.sign(this.state);

		assertThatExceptionOfType(InvalidStateException.class)
			.isThrownBy(() -> this.signer.verify(signed.replace("v1.42.", "v1.43.")));
		assertThatExceptionOfType(InvalidStateException.class)
			.isThrownBy(() -> this.signer.verify(signed.replace(".1795251073.", ".1895251073.")));
	}

	@Test
	void aStateSignedWithAnotherSecretIsRefused() {
		String signed = new StateSigner("another-secret-of-enough-length-0123456789").sign(this.state);

		assertThatExceptionOfType(InvalidStateException.class).isThrownBy(() -> this.signer.verify(signed));
	}

	@Test
	void garbageIsRefused() {
		for (String garbage : new String[] { null, "", ".", "v1", "v1.42.x.1.sig", "x".repeat(300) }) {
			assertThatExceptionOfType(InvalidStateException.class).isThrownBy(() -> this.signer.verify(garbage));
		}
	}

	@Test
	void theSecretIsRequiredAndLongEnoughAndNeverShown() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of()));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("atrium.onboarding.state-secret", "too-short")));
		OnboardingProperties properties = bind(Map.of("atrium.onboarding.state-secret", SECRET));
		assertThat(properties.stateSecret()).isEqualTo(SECRET);
		assertThat(properties.toString()).doesNotContain(SECRET);
	}

	private static OnboardingProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("atrium.onboarding",
				OnboardingProperties.class);
	}

}
