package io.atrium.token.authorizer;

import io.atrium.account.AccountStatus;

/**
 * The account cannot be called: unknown (status null), revoked, or waiting for the merchant to authorize again.
 */
public class AccountNotAuthorizedException extends RuntimeException {

	private final String appId;

	private final AccountStatus status;

	public AccountNotAuthorizedException(String appId, AccountStatus status) {
		super("Official account " + appId + ((status != null) ? " is " + status : " is unknown"));
		this.appId = appId;
		this.status = status;
	}

	public String appId() {
		return this.appId;
	}

	/** The account's status, or null when the account is unknown. */
	public AccountStatus status() {
		return this.status;
	}

}
