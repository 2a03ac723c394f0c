package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.support.Redaction;

/**
 * Access tokens of one kind (component or authorizer), keyed by owner appid. A new token for an owner supersedes the
 * previous one, which stays valid for a grace period (WeChat: 5 minutes) and then answers 40001; a token past its
 * lifetime answers 42001; an unknown one 40001. Whichever end came first decides the code.
 */
public final class AccessTokens {

	/** Superseded tokens kept per owner; older ones are forgotten and answer 40001 as unknown. */
	private static final int KEPT_PER_OWNER = 10_000;

	private final Clock clock;

	private final Duration lifetime;

	private final Duration grace;

	private final int length;

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private final Map<String, Owner> owners = new ConcurrentHashMap<>();

	/** Renewals (a token issued to an owner that had one), and how many came after the previous one had expired. */
	private final LongAdder renewals = new LongAdder();

	private final LongAdder renewalsAfterExpiry = new LongAdder();

	/** The least time any renewed token had left when it was renewed. */
	private final AtomicLong leastLeftMillis = new AtomicLong(Long.MAX_VALUE);

	public AccessTokens(Clock clock, Duration lifetime, Duration grace, int length) {
		this.clock = clock;
		this.lifetime = lifetime;
		this.grace = grace;
		this.length = length;
	}

	public Issued issue(String owner) {
		Owner state = this.owners.computeIfAbsent(owner, (key) -> new Owner());
		long now = this.clock.millis();
		Token token = new Token(OpaqueValues.urlSafe(this.length), owner, now + this.lifetime.toMillis());
		synchronized (state) {
			if (state.current != null) {
				long left = state.current.expiresAt - now;
				this.renewals.increment();
				if (left <= 0) {
					this.renewalsAfterExpiry.increment();
				}
				this.leastLeftMillis.accumulateAndGet(left, Math::min);
				state.current.supersededAt = now;
				state.superseded.addLast(state.current);
			}
			state.current = token;
			this.tokens.put(token.value, token);
			while (state.superseded.size() > KEPT_PER_OWNER) {
				this.tokens.remove(state.superseded.removeFirst().value);
			}
		}
		return new Issued(token.value, this.lifetime.toSeconds());
	}

	/** The owner of a token this registry issued, valid or not. */
	public Optional<String> ownerOf(String token) {
		Token found = (token != null) ? this.tokens.get(token) : null;
		return (found != null) ? Optional.of(found.owner) : Optional.empty();
	}

	/** The owner of a valid token; throws 40001 (unknown, superseded, invalidated) or 42001 (expired). */
	public String check(String token) {
		Token found = (token != null) ? this.tokens.get(token) : null;
		if (found == null || found.invalidated) {
			throw WeChatError.INVALID_CREDENTIAL.exception();
		}
		long now = this.clock.millis();
		long supersededAt = found.supersededAt;
		long graceEnd = (supersededAt == Long.MAX_VALUE) ? Long.MAX_VALUE : supersededAt + this.grace.toMillis();
		if (now < found.expiresAt && now < graceEnd) {
			return found.owner;
		}
		throw (found.expiresAt <= graceEnd) ? WeChatError.ACCESS_TOKEN_EXPIRED.exception()
				: WeChatError.INVALID_CREDENTIAL.exception();
	}

	/** Every token of this owner answers 40001 from now on, as after an upstream invalidation. */
	public int invalidate(String owner) {
		Owner state = this.owners.get(owner);
		if (state == null) {
			return 0;
		}
		int count = 0;
		synchronized (state) {
			for (Token token : state.superseded) {
				count += token.invalidate();
			}
			if (state.current != null) {
				count += state.current.invalidate();
			}
		}
		return count;
	}

	public void reset() {
		this.tokens.clear();
		this.owners.clear();
		this.renewals.reset();
		this.renewalsAfterExpiry.reset();
		this.leastLeftMillis.set(Long.MAX_VALUE);
	}

	/**
	 * How the owners' tokens were kept: owners holding a token, those whose latest token has expired now (nobody
	 * renewed it in time), renewals, renewals that came after the previous token had expired, and the least time a
	 * token had left when it was renewed (null before the first renewal). O(owners): for benchmarks' checks.
	 */
	public Renewals renewals() {
		long now = this.clock.millis();
		long expired = 0;
		for (Owner owner : this.owners.values()) {
			synchronized (owner) {
				if (owner.current != null && owner.current.expiresAt <= now) {
					expired++;
				}
			}
		}
		long least = this.leastLeftMillis.get();
		return new Renewals(this.owners.size(), expired, this.renewals.sum(), this.renewalsAfterExpiry.sum(),
				(least == Long.MAX_VALUE) ? null : least / 1000);
	}

	/**
	 * How many owners' latest tokens expire more than {@code from} and at most {@code to} from now: what a benchmark
	 * asks before moving the clock, so that it never makes more tokens come due at once than the platform can renew.
	 */
	public long expiringBetween(Duration from, Duration to) {
		long now = this.clock.millis();
		long low = now + from.toMillis();
		long high = now + to.toMillis();
		long count = 0;
		for (Owner owner : this.owners.values()) {
			Token current = owner.current;
			if (current != null && current.expiresAt > low && current.expiresAt <= high) {
				count++;
			}
		}
		return count;
	}

	public record Renewals(long owners, long expiredNow, long renewals, long renewalsAfterExpiry,
			Long leastSecondsLeft) {
	}

	/** What a token endpoint answers: the token and {@code expires_in}. */
	public record Issued(String token, long expiresIn) {

		/** The token stays out of logs. */
		@Override
		public String toString() {
			return "Issued[token=" + Redaction.mask(this.token) + ", expiresIn=" + this.expiresIn + "]";
		}

	}

	private static final class Owner {

		private volatile Token current;

		private final Deque<Token> superseded = new ArrayDeque<>();

	}

	private static final class Token {

		private final String value;

		private final String owner;

		private final long expiresAt;

		private volatile long supersededAt = Long.MAX_VALUE;

		private volatile boolean invalidated;

		Token(String value, String owner, long expiresAt) {
			this.value = value;
			this.owner = owner;
			this.expiresAt = expiresAt;
		}

		int invalidate() {
			boolean was = this.invalidated;
			this.invalidated = true;
			return was ? 0 : 1;
		}

	}

}
