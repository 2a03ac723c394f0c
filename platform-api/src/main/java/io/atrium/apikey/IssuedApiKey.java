package io.atrium.apikey;

/**
 * A key just created: the only moment its secret exists outside the caller's hands. Show it once.
 *
 * @param key the stored key
 * @param secret the bearer token to hand over
 */
public record IssuedApiKey(ApiKey key, String secret) {

	@Override
	public String toString() {
		return "IssuedApiKey[key=" + this.key + ", secret=******]";
	}

}
