package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.http.WeChatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccessTokensTests {

	private final SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"),
			ZoneOffset.UTC));

	private final AccessTokens tokens = new AccessTokens(this.clock, Duration.ofSeconds(7200), Duration.ofMinutes(5),
			86);

	@Test
	void aTokenIsValidForItsLifetime() {
		String token = this.tokens.issue("wxowner").token();
		assertThat(token).hasSize(86).matches("[A-Za-z0-9_-]+");
		this.clock.advance(Duration.ofSeconds(7199));
		assertThat(this.tokens.check(token)).isEqualTo("wxowner");
		this.clock.advance(Duration.ofSeconds(1));
		assertCode(token, 42001);
	}

	@Test
	void theEarlierEndDecidesTheCode() {
		String first = this.tokens.issue("wxowner").token();
		this.clock.advance(Duration.ofSeconds(3600));
		this.tokens.issue("wxowner");
		this.clock.advance(Duration.ofSeconds(300));
		assertCode(first, 40001);
		String second = this.tokens.issue("wxowner").token();
		this.clock.advance(Duration.ofSeconds(7100));
		this.tokens.issue("wxowner");
		this.clock.advance(Duration.ofSeconds(200));
		assertCode(second, 42001);
	}

	@Test
	void ownersAreIndependentAndInvalidationIsPerOwner() {
		String one = this.tokens.issue("wxone").token();
		String two = this.tokens.issue("wxtwo").token();
		assertThat(this.tokens.invalidate("wxone")).isEqualTo(1);
		assertCode(one, 40001);
		assertThat(this.tokens.check(two)).isEqualTo("wxtwo");
		assertThat(this.tokens.ownerOf(one)).contains("wxone");
	}

	private void assertCode(String token, int errcode) {
		assertThatExceptionOfType(WeChatException.class).isThrownBy(() -> this.tokens.check(token))
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(errcode));
	}

}
