package io.atrium.token.cache;

import java.time.Instant;

/**
 * An access token as cached: the token, when it stops counting as valid (WeChat's expiry minus the safety margin)
 * and when it is due for proactive refresh (earlier still, by the refresh-ahead margin and a random spread).
 * {@code toString} never shows the token.
 */
public record CachedToken(String token, Instant validUntil, Instant refreshAt) {

	/** Redis value: {@code <validUntil epoch millis>,<refreshAt epoch millis>|<token>}. */
	String encode() {
		return this.validUntil.toEpochMilli() + "," + this.refreshAt.toEpochMilli() + "|" + this.token;
	}

	/**
	 * A cached value; also the {@code <validUntil>|<token>} of earlier versions, which counts as due (its schedule
	 * entry, written by that version, says when), so an upgrade refreshes each such token once, on time.
	 */
	static CachedToken decode(String value) {
		int bar = value.indexOf('|');
		if (bar < 1) {
			return null;
		}
		String times = value.substring(0, bar);
		int comma = times.indexOf(',');
		try {
			Instant validUntil = Instant.ofEpochMilli(Long.parseLong((comma < 0) ? times : times.substring(0, comma)));
			Instant refreshAt = (comma < 0) ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(times.substring(comma + 1)));
			return new CachedToken(value.substring(bar + 1), validUntil, refreshAt);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "CachedToken[validUntil=" + this.validUntil + ", refreshAt=" + this.refreshAt + "]";
	}

}
