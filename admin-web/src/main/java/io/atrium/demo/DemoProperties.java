package io.atrium.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's fixed, public API keys ({@code atrium.demo.*}). DEMO ONLY: anyone who has read the README knows them.
 *
 * @param platformApiKey sees every tenant's accounts
 * @param tenantApiKey sees only the first demo tenant's accounts
 * @param merchantUsers console users of the demo tenants
 */
@ConfigurationProperties("atrium.demo")
record DemoProperties(String platformApiKey, String tenantApiKey, List<MerchantUser> merchantUsers) {

	DemoProperties {
		merchantUsers = (merchantUsers != null) ? List.copyOf(merchantUsers) : List.of();
	}

	@Override
	public String toString() {
		return "DemoProperties[platformApiKey=******, tenantApiKey=******, merchantUsers=" + this.merchantUsers + "]";
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
