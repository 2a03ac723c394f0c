package io.atrium.lending;

import io.atrium.content.InvalidContentRequestException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of a report: the token WeChat refused ({@code {"access_token":"..."}}).
 *
 * @param accessToken the refused token
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RefusedToken(String accessToken) {

	private static final int MAX_LENGTH = 512;

	String checked() {
		if (this.accessToken == null || this.accessToken.isBlank() || this.accessToken.length() > MAX_LENGTH) {
			throw new InvalidContentRequestException("access_token",
					"access_token must be the token WeChat refused, at most " + MAX_LENGTH + " characters");
		}
		return this.accessToken;
	}

	@Override
	public String toString() {
		return "RefusedToken[******]";
	}

}
