package io.atrium.console.onboarding;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.token.onboarding.OnboardingLinks;
import jakarta.servlet.http.HttpSession;

/**
 * The links of an onboarding session, kept in the HTTP session (Redis) of the user who started it: they carry the
 * pre-auth code, and only that user needs to see them again. {@code shareUrl}: Atrium's page for the merchant
 * ({@code SharedLinks}), which the user can send on. A session keeps the {@link #KEPT} latest unexpired ones: the
 * whole session is read on every request, and an operator onboarding thousands of accounts in one session made it
 * grow by one attribute each, every request slower than the last (the fleet benchmark: 20 onboardings a second at
 * the start, 8 after 5,000).
 */
public record IssuedLinks(UUID sessionId, long tenantId, String pcUrl, String mobileUrl, Instant expiresAt,
		String shareUrl) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	static IssuedLinks of(OnboardingLinks links, String shareUrl) {
		return new IssuedLinks(links.sessionId(), links.tenantId(), links.pcUrl(), links.mobileUrl(),
				links.expiresAt(), shareUrl);
	}

	/** Links a session keeps at most: more than a user has open at once. */
	static final int KEPT = 20;

	/** One attribute for all of them: Spring Session leaves a removed attribute's field behind in Redis. */
	static final String ATTRIBUTE = "atrium.onboarding.links";

	/** Keeps {@code links} in the session, dropping links that expired and, beyond {@link #KEPT}, the oldest. */
	static void keep(HttpSession session, IssuedLinks links, Instant now) {
		List<IssuedLinks> kept = new ArrayList<>(all(session).stream()
			.filter((issued) -> issued.expiresAt().isAfter(now))
			.sorted(Comparator.comparing(IssuedLinks::expiresAt))
			.toList());
		kept.subList(0, Math.max(0, kept.size() - (KEPT - 1))).clear();
		kept.add(links);
		session.setAttribute(ATTRIBUTE, kept);
	}

	/** The links of an onboarding session this session's user started, if the session still keeps them. */
	static Optional<IssuedLinks> find(HttpSession session, UUID onboardingSessionId) {
		return all(session).stream().filter((links) -> links.sessionId().equals(onboardingSessionId)).findFirst();
	}

	private static List<IssuedLinks> all(HttpSession session) {
		if (session.getAttribute(ATTRIBUTE) instanceof List<?> kept) {
			return kept.stream().filter(IssuedLinks.class::isInstance).map(IssuedLinks.class::cast).toList();
		}
		return List.of();
	}

	@Override
	public String toString() {
		return "IssuedLinks[sessionId=" + this.sessionId + ", tenantId=" + this.tenantId + "]";
	}

}
