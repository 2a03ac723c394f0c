package io.atrium.account;

/**
 * What happened to an account's authorization.
 */
public enum AuditAction {

	/** First authorization, or re-authorization after a revocation or by scanning again. */
	AUTHORIZED,

	/** The merchant changed the granted permission sets ({@code updateauthorized}). */
	AUTHORIZATION_UPDATED,

	/** The merchant cancelled the authorization ({@code unauthorized}). */
	REVOKED,

	/** WeChat refused the refresh token and reconcile could not restore one. */
	NEEDS_REAUTH,

	/** Reconcile restored a refresh token that PostgreSQL had lost or held stale. */
	REFRESH_TOKEN_RESTORED,

	/** A token refresh returned a refresh token different from the stored one. */
	REFRESH_TOKEN_ROTATED,

	/**
	 * An operator took over an authorizer WeChat lists but Atrium did not hold (a provider moving from another
	 * platform): its refresh token from {@code api_get_authorizer_list}, assigned to a tenant by an import.
	 */
	IMPORTED

}
