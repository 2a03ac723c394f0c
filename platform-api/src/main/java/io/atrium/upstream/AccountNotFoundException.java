package io.atrium.upstream;

/**
 * No such account, or not one the caller may see: the two are answered alike (404) so that a tenant cannot
 * probe for other tenants' appids.
 */
public class AccountNotFoundException extends RuntimeException {

	public AccountNotFoundException(String appId) {
		super("No official account " + appId);
	}

}
