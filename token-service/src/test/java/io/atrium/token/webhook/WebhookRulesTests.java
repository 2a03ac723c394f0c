package io.atrium.token.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.HostResolver;
import io.atrium.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules without the application: the signature against a value computed elsewhere (Python's hmac), the event
 * filter, the URL check with names that resolve to private addresses, a name that resolves elsewhere after it was
 * checked (DNS rebinding), the backoff steps and the properties that would let two instances send one delivery.
 */
class WebhookRulesTests {

	@Test
	void theSignatureIsHexHmacSha256OverTimestampDotBody() {
		// python3: hmac.new(b'whsec_test-secret', b'1700000000.{"id":"abc"}', hashlib.sha256).hexdigest()
		assertThat(WebhookSecrets.signature("whsec_test-secret", 1_700_000_000L, "{\"id\":\"abc\"}"))
			.isEqualTo("v1=e8cb3bfe62312739e04b44b5f77a2bd67c9af01f270b73e01810ae8310a53a3e");
		assertThat(WebhookSecrets.generate()).matches("whsec_[A-Za-z0-9_-]{43}")
			.isNotEqualTo(WebhookSecrets.generate());
	}

	@Test
	void theFilterMatchesTypesAndEventsWithoutCase() {
		EventFilter filter = EventFilter.parse(" Text,event:CLICK\nevent:subscribe ");
		assertThat(filter.toString()).isEqualTo("event:click,event:subscribe,text");
		assertThat(filter.matches("text", null)).isTrue();
		assertThat(filter.matches("image", null)).isFalse();
		assertThat(filter.matches("event", "CLICK")).isTrue();
		assertThat(filter.matches("event", "unsubscribe")).isFalse();
		assertThat(EventFilter.stored(filter.toString()).matches("event", "subscribe")).isTrue();
		assertThat(EventFilter.parse("event").matches("event", "LOCATION")).isTrue();
		assertThat(EventFilter.parse("").matches("voice", null)).isTrue();
		assertThat(EventFilter.parse("text, *").toString()).isEqualTo("*");
		for (String bad : List.of("text;drop", "event:", "<script>", "EVENT:a b/c")) {
			assertThatExceptionOfType(WebhookRefusedException.class).as(bad)
				.isThrownBy(() -> EventFilter.parse(bad));
		}
	}

	@Test
	void aNameThatResolvesToAPrivateAddressIsRefusedUnlessItsNetworkIsAllowListed() {
		HostResolver intranet = (host) -> List.of(InetAddress.getByAddress(host, new byte[] { 10, 1, 2, 3 }));
		WebhookUrlPolicy production = new WebhookUrlPolicy(false, new AddressPolicy(false), intranet);
		assertThatExceptionOfType(WebhookRefusedException.class)
			.isThrownBy(() -> production.check("https://hooks.provider.example/wechat"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("webhook.error.address"));
		assertThatExceptionOfType(WebhookRefusedException.class)
			.isThrownBy(() -> production.check("http://hooks.provider.example/wechat"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("webhook.error.https"));
		WebhookUrlPolicy allowListed = new WebhookUrlPolicy(true, AddressPolicy.of(false, List.of("10.1.2.0/24")),
				intranet);
		assertThat(allowListed.check("http://hooks.provider.example/wechat#frag-not-allowed".replace("#frag-not-allowed", ""))
			.toString()).isEqualTo("http://hooks.provider.example/wechat");
		HostResolver split = (host) -> List.of(InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, 1, 1 }),
				InetAddress.getByAddress(host, new byte[] { (byte) 169, (byte) 254, (byte) 169, (byte) 254 }));
		assertThatExceptionOfType(WebhookRefusedException.class).as("one bad address of several is enough")
			.isThrownBy(() -> new WebhookUrlPolicy(false, new AddressPolicy(false), split).check("https://x.example/"));
		assertThatExceptionOfType(WebhookRefusedException.class)
			.isThrownBy(() -> allowListed.check("http://hooks.provider.example/a#fragment"));
	}

	@Test
	void aNameThatResolvesElsewhereWhenSentIsNotConnectedTo() throws Exception {
		// Checked when configured (a public address), loopback when the delivery connects: the receiver below must
		// see nothing.
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			HostResolver rebinding = (host) -> {
				if (!host.equals("rebind.example")) {
					throw new UnknownHostException(host);
				}
				return List.of(InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }));
			};
			WebhookHttp http = new WebhookHttp(properties(false), rebinding);
			String url = receiver.url().replace("127.0.0.1", "rebind.example");
			WebhookHttp.Outcome outcome = http.post(url, "d1", "{}", List.of("whsec_x"), 1L, Duration.ofSeconds(2),
					false);
			assertThat(outcome.ok()).isFalse();
			assertThat(outcome.status()).isNull();
			assertThat(outcome.error()).contains("may not reach");
			assertThat(receiver.requests()).isEmpty();
			http.destroy();
			// The same with loopback allowed reaches it: the refusal above was the address rule.
			WebhookHttp allowed = new WebhookHttp(properties(true), rebinding);
			assertThat(allowed.post(url, "d1", "{}", List.of("whsec_x"), 1L, Duration.ofSeconds(2), false).ok())
				.isTrue();
			assertThat(receiver.requests()).hasSize(1);
			allowed.destroy();
		}
	}

	@Test
	void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			receiver.answer(302, 0, "");
			WebhookHttp http = new WebhookHttp(properties(true), HostResolver.SYSTEM);
			WebhookHttp.Outcome outcome = http.post(receiver.url(), "d1", "{}", List.of("whsec_x"), 1L,
					Duration.ofSeconds(2), false);
			assertThat(outcome.ok()).isFalse();
			assertThat(outcome.status()).isEqualTo(302);
			assertThat(receiver.requests()).hasSize(1);
			http.destroy();
		}
	}

	@Test
	void backoffGrowsAndItsLastStepRepeats() {
		WebhookProperties properties = properties(false);
		assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.backoffAfter(8)).isEqualTo(Duration.ofHours(4));
		assertThat(properties.backoffAfter(20)).isEqualTo(Duration.ofHours(4));
		assertThatIllegalArgumentException().as("a lease shorter than two timeouts")
			.isThrownBy(() -> new WebhookProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(3),
					Duration.ofSeconds(5), Duration.ofSeconds(9), List.of(Duration.ofSeconds(10)), Duration.ofHours(24),
					false, false, List.of(), Duration.ofSeconds(3), DataSize.ofKilobytes(64), Duration.ofDays(7), Duration.ofDays(30),
					Duration.ofHours(24)));
	}

	private static WebhookProperties properties(boolean allowLoopback) {
		return new WebhookProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(60), List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
						Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
						Duration.ofHours(4)),
				Duration.ofHours(24), true, allowLoopback, List.of(), Duration.ofSeconds(3), DataSize.ofKilobytes(64),
				Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(24));
	}

}
