package io.atrium.bench.fleet;

import java.util.List;

/**
 * Everything a run's clients need: who can log in, which keys exist, which accounts belong to whom, and some of
 * each account's content (article ids, image proxy links) to ask for.
 *
 * @param platformKey an API key that sees every tenant's accounts
 * @param viewer a {@code PLATFORM_VIEWER} user
 * @param tenants the tenants, each with its merchant user, key and accounts
 */
public record Fleet(String platformKey, Login viewer, List<TenantSetup> tenants) {

	public List<Account> accounts() {
		return this.tenants.stream().flatMap((tenant) -> tenant.accounts().stream()).toList();
	}

	/** The same fleet without each tenant's last account: those are left quiet, for a fault to be aimed at. */
	public Fleet withoutLastAccounts() {
		return new Fleet(this.platformKey, this.viewer, this.tenants.stream()
			.map((tenant) -> new TenantSetup(tenant.id(), tenant.name(), tenant.apiKey(), tenant.merchant(),
					tenant.accounts().subList(0, tenant.accounts().size() - 1)))
			.toList());
	}

	/** Each tenant's last account. */
	public List<Account> lastAccounts() {
		return this.tenants.stream().map((tenant) -> tenant.accounts().get(tenant.accounts().size() - 1)).toList();
	}

	public record Login(String username, String password) {
	}

	/**
	 * @param id the tenant's id
	 * @param name its name (what the tenants page is searched for)
	 * @param apiKey a key bound to this tenant
	 * @param merchant its merchant user
	 * @param accounts its authorized accounts
	 */
	public record TenantSetup(long id, String name, String apiKey, Login merchant, List<Account> accounts) {
	}

	/**
	 * @param appId the account
	 * @param tenantId its tenant
	 * @param articleIds ids of some of its published articles
	 * @param imagePaths image proxy links ({@code /img?u=...}) from its materials page
	 */
	public record Account(String appId, long tenantId, List<String> articleIds, List<String> imagePaths) {
	}

}
