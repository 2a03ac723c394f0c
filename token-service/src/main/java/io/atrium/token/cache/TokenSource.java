package io.atrium.token.cache;

import java.time.Duration;

/**
 * Fetches a fresh token from WeChat. Whatever must be stored durably before the token is used (an authorizer's
 * new refresh token) is stored before {@link #fetch()} returns.
 */
@FunctionalInterface
public interface TokenSource {

	FreshToken fetch();

	record FreshToken(String token, Duration lifetime) {

		@Override
		public String toString() {
			return "FreshToken[lifetime=" + this.lifetime + "]";
		}

	}

}
