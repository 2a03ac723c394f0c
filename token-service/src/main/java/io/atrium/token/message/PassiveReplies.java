package io.atrium.token.message;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.atrium.token.push.WeChatPushVerifier;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The answer carrying a passive reply, sealed with the component's key: a plain-XML reply is not accepted. */
final class PassiveReplies {

	private PassiveReplies() {
	}

	static ResponseEntity<String> sealed(WeChatPushVerifier verifier, Clock clock, AccountMessage message,
			PassiveReply reply) {
		long now = clock.millis() / 1000;
		String xml = reply.toXml(message.fromUserName(), message.toUserName(), now);
		String nonce = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 10_000_000_000L));
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_XML)
			.body(verifier.crypto().sealReply(xml, String.valueOf(now), nonce));
	}

}
