package io.atrium.sandbox.message;

import java.util.List;
import java.util.Optional;

import io.atrium.sandbox.push.PushRecord;

/**
 * One message or event and every attempt WeChat made to deliver it (1 to 3).
 *
 * @param appid the account it was for
 * @param plaintext the XML before encryption
 * @param attempts the attempts in order, as logged
 */
public record Delivery(String appid, String plaintext, List<PushRecord> attempts) {

	public Delivery {
		attempts = List.copyOf(attempts);
	}

	public PushRecord first() {
		return this.attempts.get(0);
	}

	public PushRecord last() {
		return this.attempts.get(this.attempts.size() - 1);
	}

	/** Whether some attempt was answered as WeChat expects. */
	public boolean acknowledged() {
		return this.attempts.stream().anyMatch(PushRecord::acknowledged);
	}

	/** The decrypted passive reply of the attempt that was acknowledged with one. */
	public Optional<String> reply() {
		return this.attempts.stream()
			.filter(PushRecord::acknowledged)
			.map(PushRecord::reply)
			.filter((reply) -> reply != null)
			.findFirst();
	}

	/** The plaintext holds the user's message: it stays out of logs. */
	@Override
	public String toString() {
		return "Delivery[appid=" + this.appid + ", attempts=" + this.attempts + "]";
	}

}
