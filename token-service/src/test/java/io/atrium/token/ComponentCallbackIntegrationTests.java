package io.atrium.token;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.atrium.account.AccountStatus;
import io.atrium.account.AuditAction;
import io.atrium.account.AuditEntry;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.crypto.EncryptedPush;
import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.tenant.Tenant;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.ticket.VerifyTicket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auth-event URL: genuine pushes are handled and answered {@code success}; forged, replayed, stale, oversized
 * and malformed ones get a 4xx and change nothing.
 */
@Tag(TestRedis.TAG)
class ComponentCallbackIntegrationTests extends SandboxIntegrationTests {

	private static final String CALLBACK = "http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + "/wechat/component/events";

	private static final SandboxSettings settings = sandbox.settings();

	private static final WeChatMessageCrypto crypto = new WeChatMessageCrypto(settings.componentToken(),
			settings.componentAesKey(), settings.componentAppId());

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final AtomicInteger nonces = new AtomicInteger();

	@Autowired
	OfficialAccountRepository accounts;

	@Autowired
	AuthorizationAuditLog audit;

	@Autowired
	AuthorizerTokenManager authorizerTokens;

	@Autowired
	TokenCache tokenCache;

	@Test
	void aGenuineTicketPushIsStoredWithItsCreateTimeAndAnsweredSuccess() {
		haveAComponentToken();
		long createTime = now() + 1;

		HttpResponse<String> response = send(seal(ticketXml(settings.componentAppId(), createTime, "ticket@@@one")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(this.tickets.current()).hasValueSatisfying((ticket) -> {
			assertThat(ticket.ticket()).isEqualTo("ticket@@@one");
			assertThat(ticket.createdAt().getEpochSecond()).isEqualTo(createTime);
		});
	}

	@Test
	void whateverWeChatSaysItAcceptsThePushIsAnsweredSuccess() throws Exception {
		haveAComponentToken();
		EncryptedPush push = seal(ticketXml(settings.componentAppId(), now() + 1, "ticket@@@accept"));

		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(CALLBACK + "?" + push.queryString()))
			.header("Content-Type", "application/xml; charset=UTF-8")
			.header("Accept", "application/xml")
			.POST(HttpRequest.BodyPublishers.ofString(push.body()))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
		assertThat(this.tickets.current()).map(VerifyTicket::ticket).contains("ticket@@@accept");
	}

	@Test
	void aWrongMsgSignatureIsRefusedAsForged() {
		EncryptedPush push = seal(ticketXml(settings.componentAppId(), now(), "ticket@@@forged"));
		String forged = flip(push.msgSignature());

		HttpResponse<String> response = send(push.queryString().replace(push.msgSignature(), forged), push.body());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.tickets.latest()).isEmpty();
	}

	@Test
	void aReplayedPushIsRefusedAndDoesNotBringBackAnOldTicket() {
		haveAComponentToken();
		EncryptedPush first = seal(ticketXml(settings.componentAppId(), now() + 1, "ticket@@@first"));
		assertThat(send(first).statusCode()).isEqualTo(200);
		assertThat(this.tickets.current()).map(VerifyTicket::ticket).contains("ticket@@@first");
		assertThat(send(seal(ticketXml(settings.componentAppId(), now() + 2, "ticket@@@second"))).statusCode())
			.isEqualTo(200);

		HttpResponse<String> replayed = send(first);

		assertThat(replayed.statusCode()).isEqualTo(409);
		assertThat(this.tickets.current()).map(VerifyTicket::ticket).contains("ticket@@@second");
	}

	@Test
	void anOlderTicketDeliveredLateDoesNotReplaceTheCurrentOne() {
		haveAComponentToken();
		// One reading of the clock: read again after the first push (which took over a second once, on a busy
		// machine), "older" was no older.
		long createTime = now();
		assertThat(send(seal(ticketXml(settings.componentAppId(), createTime + 2, "ticket@@@newer"))).statusCode())
			.isEqualTo(200);

		HttpResponse<String> late = send(seal(ticketXml(settings.componentAppId(), createTime + 1, "ticket@@@older")));

		assertThat(late.statusCode()).isEqualTo(200);
		assertThat(this.tickets.current()).map(VerifyTicket::ticket).contains("ticket@@@newer");
		assertThat(this.tickets.latest()).map(VerifyTicket::ticket).contains("ticket@@@newer");
	}

	@Test
	void aTimestampOutsideTheFiveMinuteWindowIsRefused() {
		for (long skew : List.of(-301L, 301L)) {
			String timestamp = String.valueOf(now() + skew);
			EncryptedPush push = crypto.seal(ticketXml(settings.componentAppId(), now(), "ticket@@@stale"), timestamp,
					nonce());

			assertThat(send(push).statusCode()).as("skew %d s", skew).isEqualTo(403);
		}
		assertThat(this.tickets.latest()).isEmpty();
		// Inside the window is fine.
		assertThat(send(crypto.seal(ticketXml(settings.componentAppId(), now(), "ticket@@@fresh"),
				String.valueOf(now() - 299), nonce()))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void anExternalEntityInACorrectlySignedPushIsNeverResolved() throws Exception {
		AtomicInteger fetched = new AtomicInteger();
		HttpServer entityServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		entityServer.createContext("/", (exchange) -> {
			fetched.incrementAndGet();
			byte[] body = "ticket@@@from-entity".getBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		entityServer.start();
		try {
			String entity = "http://127.0.0.1:" + entityServer.getAddress().getPort() + "/xxe";
			String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + entity + "\">]><xml><AppId>"
					+ settings.componentAppId() + "</AppId><CreateTime>" + now()
					+ "</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>&xxe;"
					+ "</ComponentVerifyTicket></xml>";
			EncryptedPush inPlaintext = seal(xxe);
			String envelope = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + entity
					+ "\">]><xml><AppId>&xxe;</AppId><Encrypt>x</Encrypt></xml>";

			assertThat(send(inPlaintext).statusCode()).isEqualTo(400);
			assertThat(send(inPlaintext.queryString(), envelope).statusCode()).isEqualTo(400);
			assertThat(fetched).hasValue(0);
			assertThat(this.tickets.latest()).isEmpty();
		}
		finally {
			entityServer.stop(0);
		}
	}

	@Test
	void malformedXmlIsRefused() {
		EncryptedPush genuine = seal(ticketXml(settings.componentAppId(), now(), "ticket@@@malformed"));

		assertThat(send(genuine.queryString(), "<xml><Encrypt>").statusCode()).isEqualTo(400);
		assertThat(send(genuine.queryString(), "").statusCode()).isEqualTo(400);
		assertThat(send(genuine.queryString(), "not xml at all").statusCode()).isEqualTo(400);
		assertThat(send(seal("<xml><AppId>" + settings.componentAppId() + "</AppId><InfoType>")).statusCode())
			.isEqualTo(400);
		// Well-formed but without the ticket it announces.
		assertThat(send(seal("<xml><AppId>" + settings.componentAppId() + "</AppId><CreateTime>" + now()
				+ "</CreateTime><InfoType>component_verify_ticket</InfoType></xml>"))
			.statusCode()).isEqualTo(400);
		assertThat(this.tickets.latest()).isEmpty();
	}

	@Test
	void aBodyOver64KiBIsRefusedWith413() throws Exception {
		EncryptedPush genuine = seal(ticketXml(settings.componentAppId(), now(), "ticket@@@large"));
		String padded = genuine.body().replace("</xml>", "<Pad>" + "x".repeat(64 * 1024) + "</Pad></xml>");

		assertThat(send(genuine.queryString(), padded).statusCode()).isEqualTo(413);
		// Without a Content-Length (chunked), the body is read only up to the limit.
		HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(CALLBACK + "?" + genuine.queryString()))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded.getBytes())))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(this.tickets.latest()).isEmpty();
	}

	@Test
	void aPushForAnotherAppIdIsRefusedAsForged() {
		WeChatMessageCrypto otherComponent = new WeChatMessageCrypto(settings.componentToken(),
				settings.componentAesKey(), "wx0000000000000bad");
		String ticketXml = ticketXml(settings.componentAppId(), now(), "ticket@@@elsewhere");

		HttpResponse<String> encryptedForOther = send(otherComponent.seal(ticketXml, String.valueOf(now()), nonce()));
		HttpResponse<String> addressedToOther = send(seal(ticketXml("wx0000000000000bad", now(), "ticket@@@other")));

		assertThat(encryptedForOther.statusCode()).isEqualTo(403);
		assertThat(addressedToOther.statusCode()).isEqualTo(403);
		assertThat(this.tickets.latest()).isEmpty();
	}

	@Test
	void missingOrWrongQueryParametersAreRefused() {
		EncryptedPush push = seal(ticketXml(settings.componentAppId(), now(), "ticket@@@params"));
		for (String parameter : List.of("signature", "timestamp", "nonce", "encrypt_type", "msg_signature")) {
			String query = push.queryString().replaceAll("(^|&)" + parameter + "=[^&]*", "");

			HttpResponse<String> response = send(query, push.body());

			assertThat(response.statusCode()).as(parameter).isEqualTo(400);
			assertThat(response.body()).contains(parameter);
		}
		assertThat(send(push.queryString().replace("encrypt_type=aes", "encrypt_type=raw"), push.body()).statusCode())
			.isEqualTo(400);
		assertThat(send("", push.body()).statusCode()).isEqualTo(400);
		assertThat(this.tickets.latest()).isEmpty();
		// The same push with every parameter still works: nothing above burned its nonce.
		assertThat(send(push).statusCode()).isEqualTo(200);
	}

	@Test
	void eventsForMiniProgramsAreAnsweredSuccessAndIgnored() {
		HttpResponse<String> response = send(seal("<xml><AppId>" + settings.componentAppId() + "</AppId><CreateTime>"
				+ now() + "</CreateTime><InfoType>notify_third_fasteregister</InfoType></xml>"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("success");
	}

	@Test
	void unauthorizedRevokesPurgesTokensAndKeepsTheHistory() {
		receiveTicket();
		Tenant tenant = this.tenants.create("取消授权", null, null, null, null);
		String appId = control.createAccount("取消授权", List.of(1, 7));
		onboardThroughThePage(tenant.id(), appId, List.of(1, 7));
		this.authorizerTokens.get(appId);
		List<AuditEntry> history = this.audit.history(appId, 10);

		control.revoke(appId);

		assertThat(control.lastPush("unauthorized").path("acknowledged").asBoolean()).isTrue();
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.status()).isEqualTo(AccountStatus.REVOKED);
		assertThat(account.revokedAt()).isNotNull();
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(this.accounts.findRefreshToken(appId)).isEmpty();
		assertThat(this.tokenCache.read(TokenSubject.authorizer(appId))).isEmpty();
		List<AuditEntry> after = this.audit.history(appId, 10);
		assertThat(after).hasSize(history.size() + 1).endsWith(history.toArray(AuditEntry[]::new));
		assertThat(after.get(0).action()).isEqualTo(AuditAction.REVOKED);
		assertThat(after.get(0).actor()).isEqualTo("wechat:unauthorized");
		assertThatExceptionOfType(AccountNotAuthorizedException.class)
			.isThrownBy(() -> this.authorizerTokens.get(appId));
	}

	@Test
	void aForgedUnauthorizedChangesNothing() {
		receiveTicket();
		Tenant tenant = this.tenants.create("伪造取消", null, null, null, null);
		String appId = control.createAccount("伪造取消", List.of(1, 7));
		onboardThroughThePage(tenant.id(), appId, List.of(1, 7));
		OfficialAccount before = this.accounts.findById(appId).orElseThrow();
		EncryptedPush push = seal("<xml><AppId>" + settings.componentAppId() + "</AppId><CreateTime>" + now()
				+ "</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>" + appId
				+ "</AuthorizerAppid></xml>");

		HttpResponse<String> response = send(push.queryString().replace(push.msgSignature(), flip(push.msgSignature())),
				push.body());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.accounts.findById(appId)).contains(before);
		assertThat(this.accounts.findRefreshToken(appId)).isPresent();
	}

	@Test
	void updateauthorizedChangesTheSetsAndIsAudited() {
		receiveTicket();
		Tenant tenant = this.tenants.create("变更权限", null, null, null, null);
		String appId = control.createAccount("变更权限", List.of(1, 2, 7, 11));
		onboardThroughThePage(tenant.id(), appId, List.of(1, 7));
		String refreshToken = this.accounts.findRefreshToken(appId).orElseThrow();

		control.changePermissions(appId, List.of(1, 11));

		assertThat(control.lastPush("updateauthorized").path("acknowledged").asBoolean()).isTrue();
		OfficialAccount account = this.accounts.findById(appId).orElseThrow();
		assertThat(account.permissions().ids()).containsExactly(1, 11);
		assertThat(account.tenantId()).isEqualTo(tenant.id());
		assertThat(this.accounts.findRefreshToken(appId)).hasValueSatisfying(
				(token) -> assertThat(token).isNotEqualTo(refreshToken));
		AuditEntry latest = this.audit.history(appId, 1).get(0);
		assertThat(latest.action()).isEqualTo(AuditAction.AUTHORIZATION_UPDATED);
		assertThat(latest.actor()).isEqualTo("wechat:updateauthorized");
		assertThat(latest.before().permissions()).containsExactly(1, 7);
		assertThat(latest.after().permissions()).containsExactly(1, 11);
		// The new authorization's token works; the old refresh token is dead, the new one refreshes.
		assertThat(businessCall(this.authorizerTokens.get(appId)).path("errcode").asInt()).isEqualTo(61007);
		sandbox.advanceClock(Duration.ofHours(2));
		assertThat(this.authorizerTokens.get(appId)).isNotBlank();
		assertThat(this.accounts.findById(appId).orElseThrow().status()).isEqualTo(AccountStatus.AUTHORIZED);
	}

	/**
	 * A valid component token in the cache, so that storing a made-up ticket does not make Atrium refresh with it
	 * (the sandbox would refuse it and push a real one).
	 */
	private void haveAComponentToken() {
		receiveTicket();
		this.componentTokens.get();
	}

	private static String ticketXml(String appId, long createTime, String ticket) {
		return "<xml><AppId><![CDATA[" + appId + "]]></AppId><CreateTime>" + createTime
				+ "</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA["
				+ ticket + "]]></ComponentVerifyTicket></xml>";
	}

	private static EncryptedPush seal(String plaintext) {
		return crypto.seal(plaintext, String.valueOf(now()), nonce());
	}

	private static long now() {
		return sandbox.clock().instant().getEpochSecond();
	}

	private static String nonce() {
		return String.valueOf(1_000_000 + nonces.incrementAndGet());
	}

	/** A hex signature with its first digit changed: a forgery that is never the real one. */
	static String flip(String hex) {
		return ((hex.charAt(0) == '0') ? "1" : "0") + hex.substring(1);
	}

	private static HttpResponse<String> send(EncryptedPush push) {
		return send(push.queryString(), push.body());
	}

	private static HttpResponse<String> send(String query, String body) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(CALLBACK + "?" + query))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
