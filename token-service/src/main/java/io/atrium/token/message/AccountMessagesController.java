package io.atrium.token.message;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.atrium.token.message.MessageRecipients.Recipient;
import io.atrium.token.push.PushExceptionHandler;
import io.atrium.token.push.VerifiedPush;
import io.atrium.token.push.WeChatPushEndpoint;
import io.atrium.token.push.WeChatPushVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accounts' message URL (消息与事件接收URL, protocol reference §3.2). The platform registers
 * {@code https://<host>/wechat/accounts/$APPID$/messages} with WeChat, which puts each account's appid in place of
 * {@code $APPID$}.
 * <p>
 * A push is verified exactly as on the auth-event URL ({@link WeChatPushVerifier}: size, parameters, timestamp
 * window, {@code msg_signature}, decryption with the component's key and the component appid in the tail, XML
 * without DTDs), then its plaintext read and the appid in the path checked ({@link MessageRecipients}: an account
 * Atrium holds or a 全网发布 test account, else 404), then the replay guard; nothing is stored before all of that
 * passed. Then, on the request thread and without any call to WeChat:
 * <ul>
 * <li>WeChat's retries are told apart by {@link DuplicateGuard} (Redis, so across instances) and acknowledged
 * without acting again;</li>
 * <li>a message for an account Atrium holds is published as {@link AccountMessageReceived} (the webhooks'
 * outbox) and acknowledged {@code success}, or with the passive reply of the account's synchronous webhook
 * ({@link PassiveReplySource}) when that answers within its budget;</li>
 * <li>a test account's message is answered by {@link ReleaseTestResponder} (or {@code success} when the test is
 * switched off), whose slow part runs on {@link MessageWork}.</li>
 * </ul>
 * So the answer never waits for WeChat, and comes well within WeChat's 5 seconds.
 */
@RestController
@WeChatPushEndpoint
class AccountMessagesController {

	private static final Logger logger = LoggerFactory.getLogger(AccountMessagesController.class);

	static final String PATH = "/wechat/accounts/{appId}/messages";

	private final WeChatPushVerifier verifier;

	private final MessageRecipients recipients;

	private final DuplicateGuard duplicates;

	private final ReleaseTestResponder releaseTest;

	private final ReleaseTestProperties releaseTestProperties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<PassiveReplySource> replySources;

	AccountMessagesController(WeChatPushVerifier verifier, MessageRecipients recipients, DuplicateGuard duplicates,
			ReleaseTestResponder releaseTest, ReleaseTestProperties releaseTestProperties,
			ApplicationEventPublisher events, Clock clock, List<PassiveReplySource> replySources) {
		this.verifier = verifier;
		this.recipients = recipients;
		this.duplicates = duplicates;
		this.releaseTest = releaseTest;
		this.releaseTestProperties = releaseTestProperties;
		this.events = events;
		this.clock = clock;
		this.replySources = List.copyOf(replySources);
	}

	// No consumes or produces, as on the auth-event URL: WeChat's headers are not what it signs.
	@PostMapping(PATH)
	ResponseEntity<String> receive(@PathVariable String appId, HttpServletRequest request) throws IOException {
		VerifiedPush<Accepted> push = this.verifier.verify(request,
				(xml) -> new Accepted(AccountMessage.parse(xml), this.recipients.find(appId)));
		try {
			return handle(push);
		}
		catch (RuntimeException ex) {
			this.verifier.forget(push);
			throw ex;
		}
	}

	/**
	 * WeChat's check of the URL ({@code signature, timestamp, nonce, echostr}), answered with the {@code echostr}.
	 * The appid is not checked: the check proves the Token only, stores nothing, and may come before any account
	 * has authorized the platform.
	 */
	@GetMapping(PATH)
	ResponseEntity<String> verifyUrl(@PathVariable String appId, HttpServletRequest request) {
		return PushExceptionHandler.plain(HttpStatus.OK, this.verifier.verifyUrl(request.getQueryString()));
	}

	private ResponseEntity<String> handle(VerifiedPush<Accepted> push) {
		Recipient recipient = push.accepted().recipient();
		AccountMessage message = push.accepted().message();
		String appId = recipient.appId();
		if (recipient.isReleaseTest()) {
			if (!this.releaseTestProperties.enabled()) {
				return success();
			}
			return this.releaseTest.answer(appId, message, this.duplicates.firstSeen(appId, message));
		}
		if (!this.duplicates.firstSeen(appId, message)) {
			logger.debug("WeChat's retry of a {} for {} acknowledged again", message.msgType(), appId);
			return success();
		}
		AccountMessageReceived received = new AccountMessageReceived(DuplicateGuard.deliveryId(appId, message), appId,
				recipient.account().tenantId(), this.clock.instant(), message.msgType(), message.event(),
				message.msgId(), message.fromUserName(), message.toUserName(), message.createTime(), push.plaintext(),
				push.xml());
		try {
			this.events.publishEvent(received);
		}
		catch (RuntimeException ex) {
			// Not acted on: WeChat's retry must be taken as new.
			this.duplicates.forget(appId, message);
			throw ex;
		}
		logger.debug("Accepted a {} for {}", message.msgType(), appId);
		Optional<PassiveReply> reply = reply(received);
		return reply.isPresent() ? PassiveReplies.sealed(this.verifier, this.clock, message, reply.get()) : success();
	}

	/**
	 * The synchronous webhook's reply, if one is configured and answers within its budget. The message is durable
	 * already, so a failure here is answered {@code success}, never 500 (which would only make WeChat retry a
	 * message that is queued).
	 */
	private Optional<PassiveReply> reply(AccountMessageReceived received) {
		for (PassiveReplySource source : this.replySources) {
			try {
				Optional<PassiveReply> reply = source.replyTo(received);
				if (reply.isPresent()) {
					return reply;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("No passive reply for {}: {}", received, ex.toString());
			}
		}
		return Optional.empty();
	}

	private static ResponseEntity<String> success() {
		return PushExceptionHandler.plain(HttpStatus.OK, "success");
	}

	/** What the verifier's check made of the plaintext. */
	record Accepted(AccountMessage message, Recipient recipient) {
	}

}
