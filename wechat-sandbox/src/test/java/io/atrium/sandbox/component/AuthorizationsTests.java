package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.atrium.sandbox.http.WeChatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthorizationsTests {

	private static final int THREADS = 8;

	private final Authorizations authorizations = new Authorizations(
			Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void refreshWithoutRotationKeepsTheToken() {
		String token = this.authorizations.authorize("wxone", List.of(1, 7)).authorization().refreshToken();
		assertThat(this.authorizations.refresh("wxone", token, false).refreshToken()).isEqualTo(token);
		assertThat(this.authorizations.refresh("wxone", token, false).refreshToken()).isEqualTo(token);
	}

	@Test
	void rotationReplacesTheTokenAndTheOldOneAnswers61023() {
		String first = this.authorizations.authorize("wxone", List.of(1)).authorization().refreshToken();
		String second = this.authorizations.refresh("wxone", first, true).refreshToken();
		assertThat(second).startsWith("refreshtoken@@@").isNotEqualTo(first);
		assertCode(() -> this.authorizations.refresh("wxone", first, true), 61023);
		assertThat(this.authorizations.find("wxone").orElseThrow().refreshToken()).isEqualTo(second);
	}

	@Test
	void refreshOfAnAccountThatDidNotAuthorizeAnswers61003() {
		assertCode(() -> this.authorizations.refresh("wxnobody", "refreshtoken@@@x", true), 61003);
		assertCode(() -> this.authorizations.refresh(null, "refreshtoken@@@x", true), 61003);
	}

	/** Many rounds of threads racing with the same token: each round exactly one rotation wins. */
	@Test
	void concurrentRotationsOfOneTokenHaveExactlyOneWinner() throws Exception {
		String current = this.authorizations.authorize("wxone", List.of(1)).authorization().refreshToken();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			for (int round = 0; round < 200; round++) {
				String presented = current;
				CountDownLatch go = new CountDownLatch(1);
				List<Future<String>> attempts = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					attempts.add(pool.submit(() -> {
						go.await();
						try {
							return this.authorizations.refresh("wxone", presented, true).refreshToken();
						}
						catch (WeChatException ex) {
							assertThat(ex.errcode()).isEqualTo(61023);
							return null;
						}
					}));
				}
				go.countDown();
				List<String> winners = new ArrayList<>();
				for (Future<String> attempt : attempts) {
					String rotated = attempt.get(10, TimeUnit.SECONDS);
					if (rotated != null) {
						winners.add(rotated);
					}
				}
				assertThat(winners).as("round %d", round).hasSize(1);
				current = winners.get(0);
				assertThat(this.authorizations.find("wxone").orElseThrow().refreshToken()).isEqualTo(current);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void toStringKeepsTheRefreshTokenOut() {
		Authorization authorization = this.authorizations.authorize("wxone", List.of(1)).authorization();
		assertThat(authorization.toString()).contains("wxone", "refreshtoken@@@***")
			.doesNotContain(authorization.refreshToken());
	}

	private static void assertCode(Runnable call, int errcode) {
		assertThatExceptionOfType(WeChatException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.errcode()).isEqualTo(errcode));
	}

}
