package io.atrium.token.message;

import java.time.Clock;

import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.message.ReleaseTestStatus.Outcome;
import io.atrium.token.push.PushExceptionHandler;
import io.atrium.token.push.WeChatPushVerifier;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.Authorization;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers WeChat's 全网发布 test (protocol reference §3.2) for its test accounts:
 * <ul>
 * <li>text {@code TESTCOMPONENT_MSG_TYPE_TEXT}: the passive reply {@code TESTCOMPONENT_MSG_TYPE_TEXT_callback};</li>
 * <li>text {@code QUERY_AUTH_CODE:<code>}: an empty answer at once; then, on {@link MessageWork},
 * {@code api_query_auth} with the code (component token) and the customer-service message {@code <code>_from_api}
 * to the sender with the authorizer token that query returned. That token is used once and kept nowhere: a test
 * account is WeChat's, never a tenant's, so it is not stored as an account and gets no refresh schedule;</li>
 * <li>any event: the passive reply {@code <Event>from_callback};</li>
 * <li>anything else: {@code success}.</li>
 * </ul>
 * WeChat's retry of a message gets the same answer (the passive replies depend on the message only, and a retry
 * means WeChat did not get the first one) but no second query or record. Each step's outcome goes to
 * {@link ReleaseTestLog}. Logs never carry the code or a token.
 */
@Component
class ReleaseTestResponder {

	private static final Logger logger = LoggerFactory.getLogger(ReleaseTestResponder.class);

	static final String TEXT = "TESTCOMPONENT_MSG_TYPE_TEXT";

	static final String QUERY_AUTH_CODE = "QUERY_AUTH_CODE:";

	private static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";

	private final WeChatPushVerifier verifier;

	private final ComponentTokenManager componentTokens;

	private final ComponentClient componentClient;

	private final CustomMessageApi customMessages;

	private final MessageWork work;

	private final ReleaseTestLog log;

	private final Clock clock;

	ReleaseTestResponder(WeChatPushVerifier verifier, ComponentTokenManager componentTokens,
			ComponentClient componentClient, CustomMessageApi customMessages, MessageWork work, ReleaseTestLog log,
			Clock clock) {
		this.verifier = verifier;
		this.componentTokens = componentTokens;
		this.componentClient = componentClient;
		this.customMessages = customMessages;
		this.work = work;
		this.log = log;
		this.clock = clock;
	}

	/**
	 * @param first false for WeChat's retry of a message already received
	 */
	ResponseEntity<String> answer(String appId, AccountMessage message, boolean first) {
		if (message.isEvent()) {
			if (first) {
				this.log.record("event", appId, Outcome.REPLIED, message.event());
			}
			return passiveReply(message, message.event() + "from_callback");
		}
		String content = message.content();
		if (TEXT.equals(content)) {
			if (first) {
				this.log.record("text", appId, Outcome.REPLIED, null);
			}
			return passiveReply(message, TEXT + "_callback");
		}
		if (content != null && content.startsWith(QUERY_AUTH_CODE)) {
			if (first) {
				queryAuthLater(appId, message.fromUserName(), content.substring(QUERY_AUTH_CODE.length()).strip());
			}
			// Empty, as the test asks: the customer-service message is the real answer.
			return PushExceptionHandler.plain(HttpStatus.OK, "");
		}
		return PushExceptionHandler.plain(HttpStatus.OK, "success");
	}

	private void queryAuthLater(String appId, String openid, String code) {
		if (code.isEmpty()) {
			this.log.record("query_auth_code", appId, Outcome.FAILED, "the message carries no code");
			return;
		}
		this.log.record("query_auth_code", appId, Outcome.QUEUED, null);
		if (!this.work.submit(() -> queryAuthAndSend(appId, openid, code))) {
			logger.warn("全网发布 QUERY_AUTH_CODE for {} dropped: the message work queue is full", appId);
			this.log.finish("query_auth_code", appId, Outcome.DROPPED, "work queue full");
		}
	}

	private void queryAuthAndSend(String appId, String openid, String code) {
		try {
			Authorization authorization = this.componentTokens
				.call((token) -> this.componentClient.queryAuth(token, code));
			String accessToken = authorization.token().accessToken();
			if (accessToken == null || accessToken.isEmpty()) {
				this.log.finish("query_auth_code", appId, Outcome.FAILED, "api_query_auth answered no access token");
				return;
			}
			WeChatHttp.call(CUSTOM_SEND, () -> this.customMessages.send(accessToken,
					CustomMessageApi.CustomMessage.text(openid, code + "_from_api")));
			logger.info("全网发布 QUERY_AUTH_CODE for {} answered through {}", appId, CUSTOM_SEND);
			this.log.finish("query_auth_code", appId, Outcome.SENT, null);
		}
		catch (WeChatApiException ex) {
			logger.warn("全网发布 QUERY_AUTH_CODE for {} failed: {} errcode {}", appId, ex.api(), ex.errcode());
			this.log.finish("query_auth_code", appId, Outcome.FAILED, ex.api() + " errcode " + ex.errcode());
		}
		catch (WeChatUnavailableException ex) {
			logger.warn("全网发布 QUERY_AUTH_CODE for {} failed: {}", appId, ex.summary());
			this.log.finish("query_auth_code", appId, Outcome.FAILED, ex.summary());
		}
		catch (RuntimeException ex) {
			// The class only: a message could quote a URL with a token.
			logger.warn("全网发布 QUERY_AUTH_CODE for {} failed: {}", appId, ex.getClass().getName());
			this.log.finish("query_auth_code", appId, Outcome.FAILED, ex.getClass().getSimpleName());
		}
	}

	/** A passive text reply from the account to the user, sealed with the component's key (security mode). */
	private ResponseEntity<String> passiveReply(AccountMessage message, String content) {
		return PassiveReplies.sealed(this.verifier, this.clock, message, PassiveReply.text(content));
	}

}
