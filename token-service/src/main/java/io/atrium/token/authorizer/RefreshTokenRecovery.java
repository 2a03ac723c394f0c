package io.atrium.token.authorizer;

import java.util.Optional;

/**
 * Finds the refresh token WeChat currently holds for an authorizer ({@code api_get_authorizer_list}) and, when it
 * differs from the stored one, stores it (audited). Used when WeChat refuses the stored token (61023).
 */
@FunctionalInterface
public interface RefreshTokenRecovery {

	/** The refresh token WeChat lists for the account, after storing it; empty when WeChat does not list it. */
	Optional<String> recover(String appId);

}
