package io.atrium.console.onboarding;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.atrium.token.onboarding.OnboardingLinks;

/**
 * The links of an onboarding session, kept in the HTTP session (Redis) of the user who started it: they carry the
 * pre-auth code, and only that user needs to see them again. {@code shareUrl}: Atrium's page for the merchant
 * ({@code SharedLinks}), which the user can send on.
 */
public record IssuedLinks(UUID sessionId, long tenantId, String pcUrl, String mobileUrl, Instant expiresAt,
		String shareUrl) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	static IssuedLinks of(OnboardingLinks links, String shareUrl) {
		return new IssuedLinks(links.sessionId(), links.tenantId(), links.pcUrl(), links.mobileUrl(),
				links.expiresAt(), shareUrl);
	}

	static String attributeName(UUID sessionId) {
		return "atrium.onboarding." + sessionId;
	}

	@Override
	public String toString() {
		return "IssuedLinks[sessionId=" + this.sessionId + ", tenantId=" + this.tenantId + "]";
	}

}
