package io.atrium.sandbox.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The errors the sandbox answered lately, by rid, for {@code openapi/rid/get} (protocol reference §1.10). Bounded:
 * the most recent {@value #CAPACITY} are kept, the oldest forgotten first; a rid older than seven days by the
 * sandbox clock is not found, as WeChat documents ("rid的有效期只有7天").
 */
public final class RidLog {

	/** How many errors are remembered. */
	public static final int CAPACITY = 10_000;

	static final Duration VALIDITY = Duration.ofDays(7);

	private final Clock clock;

	private final int capacity;

	/** Guarded by itself; in insertion order, so that the eldest entry is the oldest error. */
	private final Map<String, Entry> entries;

	public RidLog(Clock clock) {
		this(clock, CAPACITY);
	}

	RidLog(Clock clock, int capacity) {
		this.clock = clock;
		this.capacity = capacity;
		this.entries = new LinkedHashMap<>(256, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > RidLog.this.capacity;
			}

		};
	}

	public void record(Entry entry) {
		synchronized (this.entries) {
			this.entries.put(entry.rid(), entry);
		}
	}

	/** The error answered with this rid, unless unknown, forgotten or older than seven days. */
	public Optional<Entry> find(String rid) {
		Entry entry;
		synchronized (this.entries) {
			entry = this.entries.get(rid);
		}
		if (entry == null || this.clock.millis() - entry.invokedAtMillis() >= VALIDITY.toMillis()) {
			return Optional.empty();
		}
		return Optional.of(entry);
	}

	public void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	/**
	 * One error as {@code openapi/rid/get} describes it.
	 * @param owner the account whose token may look it up: the component for component APIs, else the account the
	 * call concerned; null when the call could not be tied to one (an unknown token)
	 * @param invokedAtMillis when the call came, by the sandbox clock
	 * @param requestUrl the query string, tokens redacted
	 */
	public record Entry(String rid, String owner, long invokedAtMillis, long costInMs, String requestUrl,
			String requestBody, String responseBody, String clientIp) {

		/** {@code invoke_time}: Unix seconds. */
		public long invokeTime() {
			return this.invokedAtMillis / 1000;
		}

	}

}
