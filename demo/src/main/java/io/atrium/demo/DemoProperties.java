package io.atrium.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's fixed, public API keys ({@code atrium.demo.*}). DEMO ONLY: anyone who has read the README knows them.
 *
 * @param platformApiKey sees every tenant's accounts
 * @param tenantApiKey sees only the first demo tenant's accounts
 * @param merchantUsers console users of the demo tenants
 * @param fleet more sandbox merchants, for trying the console at a provider's size
 */
@ConfigurationProperties("atrium.demo")
record DemoProperties(String platformApiKey, String tenantApiKey, List<MerchantUser> merchantUsers, Fleet fleet) {

	DemoProperties {
		merchantUsers = (merchantUsers != null) ? List.copyOf(merchantUsers) : List.of();
		fleet = (fleet != null) ? fleet : new Fleet(0, 200, 50);
	}

	@Override
	public String toString() {
		return "DemoProperties[platformApiKey=******, tenantApiKey=******, merchantUsers=" + this.merchantUsers
				+ ", fleet=" + this.fleet + "]";
	}

	/**
	 * Sandbox merchants provisioned after start-up through the real paths (authorized in the sandbox, taken into
	 * custody, their content synced by the index's schedule): {@code --atrium.demo.fleet.accounts=1000}.
	 *
	 * @param accounts how many (0: none, the default, so that the demo starts in seconds)
	 * @param posts published posts per account
	 * @param accountsPerTenant accounts per demo tenant
	 */
	record Fleet(@DefaultValue("0") int accounts, @DefaultValue("200") int posts,
			@DefaultValue("50") int accountsPerTenant) {

		Fleet {
			if (accounts < 0 || posts < 0 || accountsPerTenant < 1) {
				throw new IllegalArgumentException("atrium.demo.fleet: accounts and posts 0 or more, accounts-per-tenant "
						+ "1 or more");
			}
		}

	}

	/**
	 * A merchant user of a demo tenant, named by the tenant's name.
	 */
	record MerchantUser(String username, String password, String tenant) {

		@Override
		public String toString() {
			return "MerchantUser[username=" + this.username + ", password=******, tenant=" + this.tenant + "]";
		}

	}

}
