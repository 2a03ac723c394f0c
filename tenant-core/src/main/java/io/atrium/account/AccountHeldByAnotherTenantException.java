package io.atrium.account;

/**
 * An authorization tried to land an account on a tenant while another tenant holds it.
 */
public class AccountHeldByAnotherTenantException extends RuntimeException {

	private final String appId;

	public AccountHeldByAnotherTenantException(String appId) {
		super("Official account " + appId + " is held by another tenant");
		this.appId = appId;
	}

	public String appId() {
		return this.appId;
	}

}
