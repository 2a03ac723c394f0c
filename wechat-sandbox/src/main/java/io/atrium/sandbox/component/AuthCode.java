package io.atrium.sandbox.component;

import io.atrium.sandbox.support.Redaction;

/**
 * An authorization code ({@code auth_code} in the redirect, {@code AuthorizationCode} in the push) for one
 * authorization of one account.
 *
 * @param expiresAt Unix seconds
 */
public record AuthCode(String code, String appid, long generation, long expiresAt, long expiresIn) {

	/** The code stays out of logs. */
	@Override
	public String toString() {
		return "AuthCode[code=" + Redaction.mask(this.code) + ", appid=" + this.appid + ", generation="
				+ this.generation + ", expiresAt=" + this.expiresAt + ", expiresIn=" + this.expiresIn + "]";
	}

}
