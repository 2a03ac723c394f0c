package io.atrium.console.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.atrium.console.security.ConsoleProperties.LoginThrottle;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The login throttle, in Redis so that every instance shares it, built so that an outsider cannot lock an operator
 * out (see decisions.md, "Login throttling"). Failures are counted three ways, each with locks that double from
 * {@code firstLock} up to {@code maxLock} once its free failures are spent:
 * <ul>
 * <li>per username and address: someone guessing one name from one place (and the user's own typos);</li>
 * <li>per address: one place guessing many names (higher, an office shares one address);</li>
 * <li>per username from every address, which locks only addresses this user has never logged in from: a guess
 * spread over many addresses still slows down, while the user's usual addresses stay open to the right
 * password.</li>
 * </ul>
 * Addresses a user logged in from are remembered for {@code knownAddressFor}. Usernames are stored as SHA-256,
 * because people type passwords into the username field; time is the injected {@link Clock}'s (Redis TTLs only
 * clean up), so tests move the clock. Every script touches one key, so a Redis Cluster is fine.
 */
class LoginFailures {

	/**
	 * KEYS[1] a counter; ARGV: now (ms), free failures, first lock (ms), longest lock (ms), forget after (ms), TTL (s).
	 * A quiet period of "forget after" since the last failure starts a new count. Past the free failures each
	 * failure locks for the first lock doubled once per failure beyond them, capped. Returns the lock's end (ms), 0
	 * for none.
	 */
	private static final RedisScript<Long> RECORD = RedisScript.of("""
			local now = tonumber(ARGV[1])
			local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
			local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
			local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
			if now - last >= tonumber(ARGV[5]) then
				count = 0
			end
			count = count + 1
			local beyond = count - tonumber(ARGV[2])
			if beyond >= 0 then
				local lock = tonumber(ARGV[3])
				local longest = tonumber(ARGV[4])
				while beyond > 0 and lock < longest do
					lock = lock * 2
					beyond = beyond - 1
				end
				lockedUntil = math.max(lockedUntil, now + math.min(lock, longest))
			end
			redis.call('HSET', KEYS[1], 'count', count, 'last', now, 'lockedUntil', lockedUntil)
			redis.call('EXPIRE', KEYS[1], ARGV[6])
			return lockedUntil
			""", Long.class);

	/**
	 * KEYS[1] the user's known addresses (a sorted set scored by the last login's time, ms); ARGV: now (ms), address,
	 * oldest still known (ms), how many to keep, TTL (s).
	 */
	private static final RedisScript<Long> REMEMBER = RedisScript.of("""
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
			redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[4]) - 1)
			redis.call('EXPIRE', KEYS[1], ARGV[5])
			return redis.call('ZCARD', KEYS[1])
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final LoginThrottle settings;

	private final LoginNotices notices;

	private final Clock clock;

	LoginFailures(StringRedisTemplate redis, RedisKeyspace keys, LoginThrottle settings, LoginNotices notices,
			Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.notices = notices;
		this.clock = clock;
	}

	/**
	 * Until when this username is locked for this address; empty when it is not. The username-wide count locks only
	 * addresses the user has not logged in from lately.
	 */
	Optional<Instant> lockedUntil(String username, String remoteAddress) {
		String user = hash(username);
		String address = ClientAddress.of(remoteAddress);
		Instant now = this.clock.instant();
		List<String> counters = new ArrayList<>(List.of(pairKey(user, address), addressKey(address)));
		if (!isKnown(user, address, now)) {
			counters.add(userKey(user));
		}
		return counters.stream()
			.map((key) -> this.redis.<String, String>opsForHash().get(key, "lockedUntil"))
			.filter(Objects::nonNull)
			.map((value) -> Instant.ofEpochMilli(Long.parseLong(value)))
			.filter(now::isBefore)
			.max(Instant::compareTo);
	}

	/**
	 * A wrong password (or a disabled account's name, or a wrong current password on {@code /me/password}): counted
	 * three ways, and kept for the user's notice at their next login.
	 * @return until when this username is now locked for this address, if it is
	 */
	Optional<Instant> recordFailure(String username, String remoteAddress) {
		String user = hash(username);
		String address = ClientAddress.of(remoteAddress);
		LoginThrottle throttle = this.settings;
		record(pairKey(user, address), throttle.freeFailuresPerUsernameAndAddress());
		record(addressKey(address), throttle.freeFailuresPerAddress());
		record(userKey(user), throttle.freeFailuresPerUsername());
		this.notices.record(user, address);
		return lockedUntil(username, remoteAddress);
	}

	/** A login refused by a lock, its password unchecked: not counted, but the user hears of it. */
	void recordRefused(String username, String remoteAddress) {
		this.notices.record(hash(username), ClientAddress.of(remoteAddress));
	}

	/**
	 * A successful login: this username's failures from this address are forgotten and the address is remembered
	 * as the user's. The address's own count stays (one user's success on a shared address must not reset an
	 * attacker's count there), and so does the username-wide count (it locks only unknown addresses anyway).
	 * @return the failed attempts on this name since its previous login, now forgotten
	 */
	Optional<LoginNotice> recordSuccess(String username, String remoteAddress) {
		String user = hash(username);
		String address = ClientAddress.of(remoteAddress);
		long now = this.clock.millis();
		this.redis.delete(pairKey(user, address));
		this.redis.execute(REMEMBER, List.of(knownKey(user)), Long.toString(now), address,
				Long.toString(now - this.settings.knownAddressFor().toMillis()),
				Integer.toString(this.settings.knownAddressesPerUser()),
				Long.toString(this.settings.knownAddressFor().toSeconds()));
		return this.notices.take(user);
	}

	private boolean isKnown(String user, String address, Instant now) {
		Double lastLogin = this.redis.opsForZSet().score(knownKey(user), address);
		return lastLogin != null
				&& lastLogin.longValue() > now.minus(this.settings.knownAddressFor()).toEpochMilli();
	}

	private void record(String key, int freeFailures) {
		LoginThrottle throttle = this.settings;
		this.redis.execute(RECORD, List.of(key), Long.toString(this.clock.millis()), Integer.toString(freeFailures),
				Long.toString(throttle.firstLock().toMillis()), Long.toString(throttle.maxLock().toMillis()),
				Long.toString(throttle.forgetAfter().toMillis()),
				Long.toString(throttle.forgetAfter().plus(throttle.maxLock()).toSeconds()));
	}

	private String pairKey(String user, String address) {
		return this.keys.key("console", "login-failures", "user-address", user, address);
	}

	private String addressKey(String address) {
		return this.keys.key("console", "login-failures", "address", address);
	}

	private String userKey(String user) {
		return this.keys.key("console", "login-failures", "user", user);
	}

	private String knownKey(String user) {
		return this.keys.key("console", "login-addresses", user);
	}

	static String hash(String username) {
		String name = (username != null) ? username.toLowerCase(Locale.ROOT) : "";
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
