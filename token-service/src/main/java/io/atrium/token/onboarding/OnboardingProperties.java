package io.atrium.token.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Onboarding settings ({@code atrium.onboarding.*}).
 *
 * @param stateSecret the HMAC-SHA256 key that signs the {@code state} of authorization links; required, at least
 * 32 characters (e.g. {@code openssl rand -base64 32}). Changing it invalidates links handed out before.
 */
@ConfigurationProperties("atrium.onboarding")
public record OnboardingProperties(String stateSecret) {

	static final int MIN_SECRET_LENGTH = 32;

	public OnboardingProperties {
		if (stateSecret == null || stateSecret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException("atrium.onboarding.state-secret must be set to at least "
					+ MIN_SECRET_LENGTH + " characters, e.g. the output of: openssl rand -base64 32");
		}
	}

	@Override
	public String toString() {
		return "OnboardingProperties[stateSecret=******]";
	}

}
