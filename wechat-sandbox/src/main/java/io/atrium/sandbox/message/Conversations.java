package io.atrium.sandbox.message;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each user last wrote to each account: a customer-service message ({@code message/custom/send}) may go to a
 * user only within 48 hours of that (protocol reference §3.2; 45015 otherwise). Only messages open the window in the
 * sandbox; WeChat's shorter windows after events (a follow, a menu click: 1 minute) are not modelled, so events
 * open none.
 */
public final class Conversations {

	static final Duration WINDOW = Duration.ofHours(48);

	private final Clock clock;

	private final Map<Key, Long> lastMessage = new ConcurrentHashMap<>();

	public Conversations(Clock clock) {
		this.clock = clock;
	}

	/** The user wrote to the account now. */
	public void messageFrom(String appid, String openid) {
		this.lastMessage.put(new Key(appid, openid), this.clock.millis());
	}

	/** Whether the account may send the user a customer-service message now. */
	public boolean open(String appid, String openid) {
		Long last = this.lastMessage.get(new Key(appid, openid));
		return last != null && this.clock.millis() < last + WINDOW.toMillis();
	}

	public void reset() {
		this.lastMessage.clear();
	}

	private record Key(String appid, String openid) {
	}

}
