package io.atrium.content;

import feign.Param;

/**
 * An account's access token as the first argument of every {@link ContentApi} call: the decorators read the
 * appid from it (rate limits, breakers and token replay are per account), and only the token goes on the wire. The
 * token is null until {@link RateLimit} admits an attempt and reads it.
 */
record AccountToken(String appId, String accessToken) {

	static AccountToken of(Object[] args) {
		return (AccountToken) args[0];
	}

	AccountToken withAccessToken(String accessToken) {
		return new AccountToken(this.appId, accessToken);
	}

	@Override
	public String toString() {
		return "AccountToken[appId=" + this.appId + "]";
	}

	/** Puts the bare token into {@code ?access_token=}. */
	public static final class Expander implements Param.Expander {

		@Override
		public String expand(Object value) {
			return ((AccountToken) value).accessToken();
		}

	}

}
