package io.atrium;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.atrium.sandbox.WeChatSandbox;
import io.atrium.token.TestSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clock a benchmark gives Atrium: it follows the sandbox's clock as the control API moves it, and it is
 * refused at start-up while any WeChat address is WeChat's own.
 */
class SandboxFollowingClockTests {

	private final WeChatSandbox sandbox = TestSandbox.get();

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(ClockConfiguration.class);

	@AfterEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void followsTheSandboxClockAsItIsMoved() throws Exception {
		try (SandboxFollowingClock clock = new SandboxFollowingClock(URI.create(this.sandbox.baseUrl()),
				Clock.systemUTC())) {
			long before = clock.millis() - System.currentTimeMillis();

			this.sandbox.advanceClock(Duration.ofHours(2));

			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			long ahead = clock.millis() - System.currentTimeMillis() - before;
			while (ahead < Duration.ofHours(2).toMillis() - 1000 && System.nanoTime() < deadline) {
				// One poll of the sandbox's clock, not a token lifetime.
				Thread.sleep(SandboxFollowingClock.POLL.toMillis());
				ahead = clock.millis() - System.currentTimeMillis() - before;
			}
			assertThat(ahead).isBetween(Duration.ofHours(2).toMillis() - 1000, Duration.ofHours(2).toMillis() + 1000);
			assertThat(clock.instant().toEpochMilli()).isCloseTo(clock.millis(), org.assertj.core.data.Offset.offset(1000L));
		}
	}

	@Test
	void isRefusedWhileAnyWeChatAddressIsWeChatsOwn() {
		String sandboxUrl = this.sandbox.baseUrl();
		this.contexts.withPropertyValues("atrium.clock.follow-sandbox=" + sandboxUrl).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("refused while atrium.wechat.api-base-url is WeChat's (https://api.weixin.qq.com)");
		});
		this.contexts
			.withPropertyValues("atrium.clock.follow-sandbox=" + sandboxUrl, "atrium.wechat.api-base-url=" + sandboxUrl,
					"atrium.wechat.mp-base-url=" + sandboxUrl, "atrium.wechat.open-base-url=https://open.weixin.qq.com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("atrium.wechat.open-base-url"));
	}

	@Test
	void followsTheSandboxWhenEveryAddressIsTheSandboxAndIsTheSystemClockOtherwise() {
		String sandboxUrl = this.sandbox.baseUrl();
		this.contexts
			.withPropertyValues("atrium.clock.follow-sandbox=" + sandboxUrl, "atrium.wechat.api-base-url=" + sandboxUrl,
					"atrium.wechat.mp-base-url=" + sandboxUrl, "atrium.wechat.open-base-url=" + sandboxUrl)
			.run((context) -> assertThat(context).getBean(Clock.class).isInstanceOf(SandboxFollowingClock.class));
		this.contexts.run((context) -> assertThat(context).getBean(Clock.class).isEqualTo(Clock.systemUTC()));
	}

}
