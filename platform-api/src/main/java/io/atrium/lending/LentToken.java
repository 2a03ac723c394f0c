package io.atrium.lending;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A token lent to another system: use it until {@code expires_at}, then ask again. Shaped like WeChat's own token
 * answers ({@code access_token}, {@code expires_in}), so that a system can swap its token fetch for this one.
 *
 * @param accessToken the token
 * @param expiresIn seconds it is good for from now
 * @param expiresAt when it stops being good, by Atrium's clock
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LentToken(String accessToken, long expiresIn, Instant expiresAt) {

	static LentToken of(String token, Instant goodUntil, Instant now) {
		return new LentToken(token, Math.max(0, Duration.between(now, goodUntil).toSeconds()), goodUntil);
	}

	@Override
	public String toString() {
		return "LentToken[expiresAt=" + this.expiresAt + "]";
	}

}
