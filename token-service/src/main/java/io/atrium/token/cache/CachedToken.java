package io.atrium.token.cache;

import java.time.Instant;

/**
 * An access token as cached: the token and when it stops counting as valid (WeChat's expiry minus the safety
 * margin). {@code toString} never shows the token.
 */
public record CachedToken(String token, Instant validUntil) {

	/** Redis value: {@code <validUntil epoch millis>|<token>}. */
	String encode() {
		return this.validUntil.toEpochMilli() + "|" + this.token;
	}

	static CachedToken decode(String value) {
		int bar = value.indexOf('|');
		if (bar < 1) {
			return null;
		}
		try {
			return new CachedToken(value.substring(bar + 1), Instant.ofEpochMilli(Long.parseLong(value.substring(0, bar))));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "CachedToken[validUntil=" + this.validUntil + "]";
	}

}
