package io.atrium.sandbox.message;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What users do on WeChat's side that reaches an account's message URL: they write (a text message, which also
 * opens the 48-hour customer-service window) or cause an event. Each is delivered by {@link MessageSender}.
 */
public final class UserMessages {

	private final Clock clock;

	private final MessageSender sender;

	private final Conversations conversations;

	/** MsgIds look like recent ones of WeChat: 17-digit numbers starting 24, increasing. */
	private final AtomicLong msgIds = new AtomicLong(
			24_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));

	public UserMessages(Clock clock, MessageSender sender, Conversations conversations) {
		this.clock = clock;
		this.sender = sender;
		this.conversations = conversations;
	}

	public boolean enabled() {
		return this.sender.enabled();
	}

	/** The user writes {@code content} to the account ({@code gh} is its original id). */
	public Delivery text(String appid, String gh, String openid, String content) {
		long now = this.clock.millis() / 1000;
		// WeChat knows the user wrote, whether or not the platform answers.
		this.conversations.messageFrom(appid, openid);
		return this.sender.deliver(appid, gh, openid, "text",
				now, MessageXml.text(gh, openid, now, content, this.msgIds.incrementAndGet()));
	}

	/** An event the user caused ({@code subscribe}, {@code CLICK}, ...); {@code eventKey} may be null. */
	public Delivery event(String appid, String gh, String openid, String event, String eventKey) {
		long now = this.clock.millis() / 1000;
		return this.sender.deliver(appid, gh, openid, "event", now, MessageXml.event(gh, openid, now, event, eventKey));
	}

}
