package io.atrium.sandbox.component;

import java.util.List;

import io.atrium.sandbox.push.PushRecord;
import io.atrium.sandbox.support.Redaction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Records that hold a token, code, ticket or push plaintext keep it out of {@code toString()}. */
class SecretRecordsTests {

	private static final String REFRESH = "refreshtoken@@@r3fr3shS3cr3tValu3";

	private static final String CODE = "queryauthcode@@@c0d3S3cr3tValu3";

	private static final String PRE_AUTH = "preauthcode@@@pr3Auth5ecr3tValu3";

	private static final String TICKET = "ticket@@@t1ck3tS3cr3tValu3";

	private static final String ACCESS = "acc3ssT0k3nS3cr3tValu3";

	private static final String PLAINTEXT = "<xml><ComponentVerifyTicket><![CDATA[" + TICKET
			+ "]]></ComponentVerifyTicket><AuthorizationCode><![CDATA[" + CODE + "]]></AuthorizationCode></xml>";

	private final Authorization authorization = new Authorization("wx5a7c1e9b3d2f4068", List.of(1, 7), REFRESH,
			1_795_249_273L, 3);

	private final AuthCode code = new AuthCode(CODE, "wx5a7c1e9b3d2f4068", 3, 1_795_249_873L, 600);

	private final PushRecord push = new PushRecord(1, "authorized", 1_795_249_273L, "http://127.0.0.1/cb?x=1", 200,
			"success", null, true, PLAINTEXT);

	@Test
	void authorizationAndCodes() {
		assertMasked(this.authorization.toString(), "wx5a7c1e9b3d2f4068");
		assertMasked(this.code.toString(), "wx5a7c1e9b3d2f4068");
		assertMasked(new PreAuthCodes.Issued(PRE_AUTH, 1800).toString(), "1800");
		assertMasked(new AccessTokens.Issued(ACCESS, 7200).toString(), "7200");
		assertMasked(new Authorizations.Grant(this.authorization, true).toString(), "true");
	}

	@Test
	void flowOutcomes() {
		assertMasked(new AuthorizationFlow.Outcome(this.authorization, this.code, "authorized", PRE_AUTH, this.push)
			.toString(), "authorized");
		assertMasked(new AuthorizationFlow.Revoked(this.authorization, this.push).toString(), "wx5a7c1e9b3d2f4068");
		assertMasked(new AuthorizationFlow.Redeemed(this.authorization, new AccessTokens.Issued(ACCESS, 7200))
			.toString(), "wx5a7c1e9b3d2f4068");
	}

	@Test
	void ticketsAndPushes() {
		assertMasked(new TicketSchedule.Pushed(TICKET, this.push).toString(), "ticket@@@***");
		assertMasked(this.push.toString(), "authorized");
	}

	@Test
	void maskKeepsOnlyWeChatsPrefix() {
		assertThat(Redaction.mask(CODE)).isEqualTo("queryauthcode@@@***");
		assertThat(Redaction.mask(ACCESS)).isEqualTo("***");
		assertThat(Redaction.mask(null)).isEqualTo("null");
	}

	private static void assertMasked(String text, String expectedPart) {
		assertThat(text).contains(expectedPart)
			.doesNotContain(REFRESH, CODE, PRE_AUTH, TICKET, ACCESS, "r3fr3sh", "c0d3", "pr3Auth", "t1ck3t", "acc3ss");
	}

}
