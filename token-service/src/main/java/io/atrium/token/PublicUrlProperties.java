package io.atrium.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where browsers reach this deployment ({@code atrium.public-base-url}): the base of the links Atrium hands out,
 * such as onboarding's return URL. Behind a proxy, the proxy's public address.
 */
@ConfigurationProperties("atrium")
public record PublicUrlProperties(@DefaultValue("http://localhost:8080") String publicBaseUrl) {

	public PublicUrlProperties {
		while (publicBaseUrl.endsWith("/")) {
			publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
		}
	}

}
