package io.atrium.token.callback;

import java.io.IOException;

import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.push.PushExceptionHandler;
import io.atrium.token.push.PushRejectedException;
import io.atrium.token.push.VerifiedPush;
import io.atrium.token.push.WeChatPushEndpoint;
import io.atrium.token.push.WeChatPushVerifier;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's auth-event URL (授权事件接收URL, protocol reference §3.1). {@link WeChatPushVerifier} runs every check
 * before anything changes (size, parameters, timestamp window, {@code msg_signature}, decryption and the trailing
 * appid, the plaintext's {@code AppId} checked here, then the replay guard); only then is the event handled. A
 * refused push gets a 4xx with a short reason; a handled one the literal {@code success}.
 */
@RestController
@WeChatPushEndpoint
class ComponentEventsController {

	static final String PATH = "/wechat/component/events";

	private final WeChatPushVerifier verifier;

	private final ComponentEventHandler handler;

	private final String componentAppId;

	ComponentEventsController(WeChatPushVerifier verifier, ComponentEventHandler handler,
			WeChatComponentProperties properties) {
		this.verifier = verifier;
		this.handler = handler;
		this.componentAppId = properties.componentAppId();
	}

	// No consumes or produces: WeChat's headers are not part of what it signs, and a 406 or 415 would only make
	// it retry. The answer's type is set on the response itself.
	@PostMapping(PATH)
	ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
		// The plaintext is read (and its AppId checked) before the replay guard marks the push seen.
		VerifiedPush<ComponentEvent> push = this.verifier.verify(request,
				(xml) -> addressedToThisPlatform(ComponentEvent.parse(xml)));
		try {
			this.handler.handle(push.accepted());
		}
		catch (RuntimeException ex) {
			this.verifier.forget(push);
			throw ex;
		}
		return PushExceptionHandler.plain(HttpStatus.OK, "success");
	}

	private ComponentEvent addressedToThisPlatform(ComponentEvent event) {
		if (!this.componentAppId.equals(event.appId())) {
			throw PushRejectedException.forged("AppId is not this platform's");
		}
		return event;
	}

}
