package io.atrium.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxSettingsTests {

	private final SandboxSettings defaults = SandboxSettings.defaults();

	@Test
	void defaultsAreTheDocumentedOnes() {
		assertThat(this.defaults.port()).isZero();
		assertThat(this.defaults.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(this.defaults.componentAppId()).isEqualTo("wx3c2a8f5e1b7d9a40");
		assertThat(this.defaults.componentAesKey()).hasSize(43);
		assertThat(this.defaults.callbackUrl()).isNull();
		assertThat(this.defaults.ticketPushInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.defaults.ticketLifetime()).isEqualTo(Duration.ofHours(12));
		assertThat(this.defaults.tokenLifetime()).isEqualTo(Duration.ofSeconds(7200));
		assertThat(this.defaults.supersededTokenGrace()).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.defaults.preAuthCodeLifetime()).isEqualTo(Duration.ofSeconds(1800));
		assertThat(this.defaults.authCodeLifetime()).isEqualTo(Duration.ofSeconds(600));
		assertThat(this.defaults.rotateRefreshTokens()).isFalse();
		assertThat(this.defaults.seedDemoAccounts()).isTrue();
	}

	@Test
	void withersChangeOneField() {
		SandboxSettings changed = this.defaults.withPort(1234)
			.withCallbackUrl("http://127.0.0.1:1/cb")
			.withTicketPushInterval(Duration.ZERO)
			.withTokenLifetime(Duration.ofSeconds(60))
			.withSeedDemoAccounts(false);
		assertThat(changed.port()).isEqualTo(1234);
		assertThat(changed.callbackUrl()).isEqualTo("http://127.0.0.1:1/cb");
		assertThat(changed.ticketPushInterval()).isZero();
		assertThat(changed.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
		assertThat(changed.seedDemoAccounts()).isFalse();
		assertThat(changed.componentSecret()).isEqualTo(this.defaults.componentSecret());
	}

	@Test
	void rejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withComponentAesKey("tooshort"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withPort(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withCallbackUrl("ftp://x/y"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withTokenLifetime(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.defaults.withTicketPushInterval(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withComponentSecret(" "));
	}

	@Test
	void toStringKeepsSecretsOut() {
		String text = this.defaults.toString();
		assertThat(text).contains(this.defaults.componentAppId())
			.doesNotContain(this.defaults.componentSecret(), this.defaults.componentAesKey(),
					this.defaults.componentToken());
	}

}
