package io.atrium.sandbox.message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The customer-service messages accounts sent to users through {@code message/custom/send}, as the users would have
 * received them; the latest 1,000. The 全网发布 run waits here for the message its QUERY_AUTH_CODE step expects.
 */
public final class CustomMessages {

	private static final int KEPT = 1_000;

	private final Deque<Sent> sent = new ArrayDeque<>();

	public synchronized void add(Sent message) {
		this.sent.addLast(message);
		while (this.sent.size() > KEPT) {
			this.sent.removeFirst();
		}
		notifyAll();
	}

	public synchronized List<Sent> list(String appid) {
		return this.sent.stream().filter((message) -> message.appid().equals(appid)).toList();
	}

	public synchronized List<Sent> list() {
		return new ArrayList<>(this.sent);
	}

	/**
	 * Waits (real time) until a message matching the condition was sent, or the wait is over.
	 * @return the first matching message
	 */
	public synchronized Optional<Sent> await(Predicate<Sent> condition, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			Optional<Sent> found = this.sent.stream().filter(condition).findFirst();
			long left = deadline - System.nanoTime();
			if (found.isPresent() || left <= 0) {
				return found;
			}
			wait(Math.max(1, left / 1_000_000));
		}
	}

	public synchronized void reset() {
		this.sent.clear();
	}

	/**
	 * A message as sent: from which account, to which user, what, and when (sandbox clock, Unix seconds).
	 */
	public record Sent(String appid, String touser, String msgtype, String content, long sentAt) {
	}

}
