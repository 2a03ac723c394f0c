package io.atrium.console.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session keeps of the onboarding links its user started. */
class IssuedLinksTests {

	static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

	@Test
	void linksThatExpiredAreDroppedWhenAnotherIsKept() {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT", "kept");
		IssuedLinks expired = links(NOW.minusSeconds(1));
		IssuedLinks live = links(NOW.plus(Duration.ofMinutes(5)));
		IssuedLinks.keep(session, expired, NOW.minus(Duration.ofMinutes(10)));
		IssuedLinks.keep(session, live, NOW.minus(Duration.ofMinutes(10)));

		IssuedLinks added = links(NOW.plus(Duration.ofMinutes(10)));
		IssuedLinks.keep(session, added, NOW);

		assertThat(IssuedLinks.find(session, expired.sessionId())).isEmpty();
		assertThat(IssuedLinks.find(session, live.sessionId())).contains(live);
		assertThat(IssuedLinks.find(session, added.sessionId())).contains(added);
		assertThat(session.getAttribute("SPRING_SECURITY_CONTEXT")).as("other attributes stay").isEqualTo("kept");
	}

	@Test
	void beyondTheLimitTheLinksExpiringFirstGo() {
		MockHttpSession session = new MockHttpSession();
		IssuedLinks first = links(NOW.plusSeconds(60));
		IssuedLinks.keep(session, first, NOW);
		for (int i = 1; i < IssuedLinks.KEPT; i++) {
			IssuedLinks.keep(session, links(NOW.plusSeconds(60 + i)), NOW);
		}
		assertThat(IssuedLinks.find(session, first.sessionId())).contains(first);

		IssuedLinks latest = links(NOW.plusSeconds(600));
		IssuedLinks.keep(session, latest, NOW);

		assertThat(IssuedLinks.find(session, first.sessionId())).isEmpty();
		assertThat(IssuedLinks.find(session, latest.sessionId())).contains(latest);
		assertThat((List<?>) session.getAttribute(IssuedLinks.ATTRIBUTE)).hasSize(IssuedLinks.KEPT);
	}

	private static IssuedLinks links(Instant expiresAt) {
		return new IssuedLinks(UUID.randomUUID(), 1, "https://mp.weixin.qq.com/pc", "https://open.weixin.qq.com/m",
				expiresAt, "https://atrium.example/wechat/authorization/start/t");
	}

}
