package io.atrium.token.onboarding;

import java.time.Instant;
import java.util.UUID;

/**
 * The links a tenant's merchant opens to authorize its Official Account: {@code pcUrl} (shown as a QR code or
 * opened on a computer) and {@code mobileUrl} (opened inside WeChat). Both carry the pre-auth code, so
 * {@code toString} leaves them out.
 */
public record OnboardingLinks(UUID sessionId, long tenantId, String pcUrl, String mobileUrl, Instant expiresAt) {

	@Override
	public String toString() {
		return "OnboardingLinks[sessionId=" + this.sessionId + ", tenantId=" + this.tenantId + ", expiresAt="
				+ this.expiresAt + "]";
	}

}
