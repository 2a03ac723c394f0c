package io.atrium.token.callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.atrium.crypto.WeChatMessageCrypto;
import io.atrium.token.WeChatComponentProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's auth-event URL (授权事件接收URL, protocol reference §3.1). Every check runs before anything changes: size,
 * parameters, timestamp window, {@code msg_signature} (constant time), decryption and the trailing appid, the
 * plaintext's {@code AppId}, then the replay guard; only then is the event handled. A refused push gets a 4xx with
 * a short reason (see {@link CallbackExceptionHandler}); a handled one the literal {@code success}.
 */
@RestController
class ComponentEventsController {

	static final String PATH = "/wechat/component/events";

	/** WeChat's pushes are well under a kilobyte; anything this large is not one. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	/** How far a push's timestamp may be from now, either way (clock skew plus WeChat's retries). */
	static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(5);

	private final WeChatMessageCrypto crypto;

	private final ReplayGuard replayGuard;

	private final ComponentEventHandler handler;

	private final Clock clock;

	private final String componentAppId;

	ComponentEventsController(WeChatMessageCrypto crypto, ReplayGuard replayGuard, ComponentEventHandler handler,
			Clock clock, WeChatComponentProperties properties) {
		this.crypto = crypto;
		this.replayGuard = replayGuard;
		this.handler = handler;
		this.clock = clock;
		this.componentAppId = properties.componentAppId();
	}

	// No consumes or produces: WeChat's headers are not part of what it signs, and a 406 or 415 would only make
	// it retry. The answer's type is set on the response itself.
	@PostMapping(PATH)
	ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
		String body = readBody(request);
		PushParameters push = PushParameters.fromQuery(request.getQueryString());
		checkFresh(push);
		ComponentEvent event = ComponentEvent
			.parse(this.crypto.open(body, push.timestamp(), push.nonce(), push.msgSignature()));
		if (!this.componentAppId.equals(event.appId())) {
			throw PushRejectedException.forged("AppId is not this platform's");
		}
		if (!this.replayGuard.firstSeen(push)) {
			throw new PushRejectedException(HttpStatus.CONFLICT, "push already received");
		}
		try {
			this.handler.handle(event);
		}
		catch (RuntimeException ex) {
			this.replayGuard.forget(push);
			throw ex;
		}
		return CallbackExceptionHandler.plain(HttpStatus.OK, "success");
	}

	/** Reads at most one byte more than allowed, so an oversized body is refused without being read whole. */
	private static String readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (bytes.length > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static PushRejectedException tooLarge() {
		return new PushRejectedException(HttpStatus.CONTENT_TOO_LARGE,
				"body larger than " + MAX_BODY_BYTES + " bytes");
	}

	private void checkFresh(PushParameters push) {
		long skew = Math.abs(this.clock.instant().getEpochSecond() - push.epochSecond());
		if (skew > TIMESTAMP_WINDOW.toSeconds()) {
			throw PushRejectedException.forged("timestamp outside the accepted window");
		}
	}

}
