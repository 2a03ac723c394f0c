package io.atrium.upstream;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WeChat's daily quotas reset at midnight in China, whatever the server's zone. */
class WeChatDayTests {

	@Test
	void dailyQuotaResetsAtMidnightShanghai() {
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T15:59:59Z")))
			.isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T16:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
		assertThat(WeChatDay.nextReset(Instant.parse("2026-11-21T03:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
	}

}
