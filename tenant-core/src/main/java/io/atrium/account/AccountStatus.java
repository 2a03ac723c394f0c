package io.atrium.account;

/**
 * Where an official account's authorization stands.
 */
public enum AccountStatus {

	/** The platform holds a working refresh token and may call WeChat for this account. */
	AUTHORIZED,

	/** WeChat no longer accepts the refresh token and reconcile could not restore one: the merchant must re-authorize. */
	NEEDS_REAUTH,

	/** The merchant cancelled the authorization ({@code unauthorized}); tokens are purged, history is kept. */
	REVOKED

}
