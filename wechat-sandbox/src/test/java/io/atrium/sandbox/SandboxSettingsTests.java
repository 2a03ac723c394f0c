package io.atrium.sandbox;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
		assertThat(this.defaults.httpThreads()).isEqualTo(64);
		assertThat(this.defaults.baseClock()).isEqualTo(Clock.systemUTC());
	}

	@Test
	void eachWitherChangesItsFieldAndNoOther() throws Exception {
		Clock fixed = Clock.fixed(Instant.parse("2026-11-21T15:59:50Z"), ZoneOffset.UTC);
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("port", 1234);
		changes.put("bindAddress", "0.0.0.0");
		changes.put("publicBaseUrl", "https://sandbox.example");
		changes.put("componentAppId", "wx0000000000000001");
		changes.put("componentSecret", "another-secret");
		changes.put("componentToken", "anothertoken");
		changes.put("componentAesKey", "A".repeat(43));
		changes.put("callbackUrl", "http://127.0.0.1:1/cb");
		changes.put("ticketPushInterval", Duration.ZERO);
		changes.put("ticketLifetime", Duration.ofHours(1));
		changes.put("tokenLifetime", Duration.ofSeconds(60));
		changes.put("supersededTokenGrace", Duration.ZERO);
		changes.put("preAuthCodeLifetime", Duration.ofSeconds(30));
		changes.put("authCodeLifetime", Duration.ofSeconds(20));
		changes.put("rotateRefreshTokens", true);
		changes.put("seedDemoAccounts", false);
		changes.put("httpThreads", 3);
		changes.put("baseClock", fixed);
		changes.put("messageUrl", "http://127.0.0.1:1/wx/$APPID$/messages");
		RecordComponent[] components = SandboxSettings.class.getRecordComponents();
		assertThat(changes.keySet()).containsExactly(
				Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new));
		for (RecordComponent component : components) {
			String name = component.getName();
			Method wither = SandboxSettings.class.getMethod(
					"with" + Character.toUpperCase(name.charAt(0)) + name.substring(1), component.getType());
			SandboxSettings changed = (SandboxSettings) wither.invoke(this.defaults, changes.get(name));
			for (RecordComponent other : components) {
				Object expected = other.equals(component) ? changes.get(name)
						: other.getAccessor().invoke(this.defaults);
				assertThat(other.getAccessor().invoke(changed)).as("%s after with %s", other.getName(), name)
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void theConstructorWithoutABaseClockUsesTheSystemClock() {
		SandboxSettings d = this.defaults;
		SandboxSettings settings = new SandboxSettings(d.port(), d.bindAddress(), d.publicBaseUrl(),
				d.componentAppId(), d.componentSecret(), d.componentToken(), d.componentAesKey(), d.callbackUrl(),
				d.ticketPushInterval(), d.ticketLifetime(), d.tokenLifetime(), d.supersededTokenGrace(),
				d.preAuthCodeLifetime(), d.authCodeLifetime(), d.rotateRefreshTokens(), d.seedDemoAccounts(),
				d.httpThreads());
		assertThat(settings).isEqualTo(d);
	}

	@Test
	void theConstructorWithoutAMessageUrlSendsNoMessages() {
		SandboxSettings d = this.defaults;
		SandboxSettings settings = new SandboxSettings(d.port(), d.bindAddress(), d.publicBaseUrl(),
				d.componentAppId(), d.componentSecret(), d.componentToken(), d.componentAesKey(), d.callbackUrl(),
				d.ticketPushInterval(), d.ticketLifetime(), d.tokenLifetime(), d.supersededTokenGrace(),
				d.preAuthCodeLifetime(), d.authCodeLifetime(), d.rotateRefreshTokens(), d.seedDemoAccounts(),
				d.httpThreads(), d.baseClock());
		assertThat(settings).isEqualTo(d);
		assertThat(settings.messageUrl()).isNull();
		assertThat(settings.messageUrlFor("wx5a7c1e9b3d2f4068")).isNull();
	}

	@Test
	void theMessageUrlPutsTheAccountWhereWeChatsPlaceholderIs() {
		SandboxSettings settings = this.defaults
			.withMessageUrl("http://127.0.0.1:8080/wechat/accounts/$APPID$/messages");
		assertThat(settings.messageUrlFor("wx5a7c1e9b3d2f4068"))
			.isEqualTo("http://127.0.0.1:8080/wechat/accounts/wx5a7c1e9b3d2f4068/messages");
		assertThatIllegalArgumentException().isThrownBy(() -> this.defaults.withMessageUrl("$APPID$/messages"));
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
		assertThatNullPointerException().isThrownBy(() -> this.defaults.withBaseClock(null));
	}

	@Test
	void toStringKeepsSecretsOut() {
		String text = this.defaults.toString();
		assertThat(text).contains(this.defaults.componentAppId())
			.doesNotContain(this.defaults.componentSecret(), this.defaults.componentAesKey(),
					this.defaults.componentToken());
	}

}
