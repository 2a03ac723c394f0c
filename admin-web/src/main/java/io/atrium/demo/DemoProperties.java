package io.atrium.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's fixed, public API keys ({@code atrium.demo.*}). DEMO ONLY: anyone who has read the README knows them.
 *
 * @param platformApiKey sees every tenant's accounts
 * @param tenantApiKey sees only the first demo tenant's accounts
 */
@ConfigurationProperties("atrium.demo")
record DemoProperties(String platformApiKey, String tenantApiKey) {

	@Override
	public String toString() {
		return "DemoProperties[platformApiKey=******, tenantApiKey=******]";
	}

}
