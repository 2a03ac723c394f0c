package io.atrium.sandbox.component;

/**
 * An authorization code ({@code auth_code} in the redirect, {@code AuthorizationCode} in the push) for one
 * authorization of one account.
 *
 * @param expiresAt Unix seconds
 */
public record AuthCode(String code, String appid, long generation, long expiresAt, long expiresIn) {
}
