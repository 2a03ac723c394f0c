package io.atrium.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.atrium.token.redis.RedisKeyspace;
import io.atrium.wechat.WeChatError;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * What Atrium sent to WeChat (content API and gateway), for the console's operations views, in Redis so that every
 * instance adds to the same numbers: calls per account, API and WeChat day (a hash per account and Shanghai day: {@code HINCRBY} and
 * {@code EXPIRE}), and the last {@value #RECENT_ERRORS} upstream errors per account (a capped list: {@code LPUSH},
 * {@code LTRIM}, {@code EXPIRE}). Calls are counted in memory and added every second ({@link #flush}), so counting
 * costs the call no round trip; errors, rarer, are recorded at once. Each write is one small script on the shared
 * connection: one round trip and no dedicated connection (a Lettuce pipeline opens one per use, which cost
 * milliseconds per call). Recording is best effort: a Redis hiccup is logged and never fails the merchant's call.
 * Platform-wide, per day: calls per API, errors per errcode, the accounts ranked by either, the most calls one account
 * made of each API (peak) and the accounts near a daily limit, all from what each flush already knows; the usage
 * history ({@code io.atrium.usage}) rolls the days up into PostgreSQL.
 */
public final class UpstreamUsage {

	public static final int RECENT_ERRORS = 100;

	/** Share of Atrium's daily limit (per account and API, rounded) from which an account is near its quota. */
	public static final long NEAR_QUOTA_PERCENT = 80;

	/** Today's and yesterday's counts stay readable; older days clean themselves up. */
	private static final Duration COUNT_RETENTION = Duration.ofDays(2);

	private static final Duration ERROR_RETENTION = Duration.ofDays(7);

	private static final int MAX_MESSAGE = 300;

	/**
	 * Adds to an account's calls hash: ARGV[1] retention (s), then field and count pairs. One round trip per account.
	 * Answers each field's new total, from which the platform's peak per API and its accounts near a daily limit are
	 * kept without reading every account.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of("""
			local totals = {}
			for i = 2, #ARGV, 2 do
				totals[#totals + 1] = redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
			end
			redis.call('EXPIRE', KEYS[1], ARGV[1])
			return totals""", List.class);

	/**
	 * Adds to the platform's calls per API (KEYS[1], a hash) and its accounts ranked by calls (KEYS[2], a sorted set),
	 * raises the most calls one account made of an API (KEYS[3], a hash: the day's peak, for quota use) and adds the
	 * accounts near a daily limit (KEYS[4], a set). ARGV[1] retention (s); ARGV[2], ARGV[3], ARGV[4] how many API
	 * pairs, peak pairs and near accounts follow; then API and count pairs, API and total pairs, accounts, and last
	 * account and count pairs.
	 */
	private static final RedisScript<Long> COUNT_PLATFORM = RedisScript.of("""
			local i = 5
			for n = 1, tonumber(ARGV[2]) do
				redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
				i = i + 2
			end
			for n = 1, tonumber(ARGV[3]) do
				if tonumber(ARGV[i + 1]) > tonumber(redis.call('HGET', KEYS[3], ARGV[i]) or '0') then
					redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
				end
				i = i + 2
			end
			for n = 1, tonumber(ARGV[4]) do
				redis.call('SADD', KEYS[4], ARGV[i])
				i = i + 1
			end
			while i < #ARGV do
				redis.call('ZINCRBY', KEYS[2], ARGV[i + 1], ARGV[i])
				i = i + 2
			end
			for k = 1, 4 do
				redis.call('EXPIRE', KEYS[k], ARGV[1])
			end
			return 1""", Long.class);

	private static final RedisScript<Long> RECORD = RedisScript.of("""
			redis.call('LPUSH', KEYS[1], ARGV[1])
			redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			return 1""", Long.class);

	/** Adds to a hash field and to a sorted-set member (one, or ARGV[4]), in one round trip. */
	private static final RedisScript<Long> TALLY = RedisScript.of("""
			redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[4] or 1)
			redis.call('ZINCRBY', KEYS[2], ARGV[4] or 1, ARGV[2])
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			redis.call('EXPIRE', KEYS[2], ARGV[3])
			return 1""", Long.class);

	/** The errcode field of errors WeChat did not answer in its protocol (HTTP error, I/O). */
	private static final String NO_ERRCODE = "none";

	private static final Logger logger = LoggerFactory.getLogger(UpstreamUsage.class);

	/** The MDC key of WeChat's request id while an upstream error is logged. */
	public static final String RID_MDC = "wechatRid";

	private final StringRedisTemplate redis;

	private final Map<Tally, LongAdder> pending = new ConcurrentHashMap<>();

	private final ReentrantLock flushing = new ReentrantLock();

	private final RedisKeyspace keyspace;

	private final Clock clock;

	private final int perDay;

	private final UpstreamMetrics metrics;

	/**
	 * @param perDay Atrium's own daily limit per account and API ({@code atrium.upstream.per-day}), against which
	 * accounts near their quota are counted
	 * @param metrics where the same calls and errors are counted for Prometheus, per API rather than per account
	 */
	public UpstreamUsage(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock, int perDay,
			UpstreamMetrics metrics) {
		this.redis = redis;
		this.keyspace = keyspace;
		this.clock = clock;
		this.perDay = perDay;
		this.metrics = metrics;
	}

	/**
	 * One attempt at calling WeChat (each attempt spends the merchant's quota, retries included). Counted in memory
	 * and added to Redis by {@link #flush} every second: no Redis round trip on the call's path.
	 */
	public void called(String appId, WeChatApi endpoint) {
		this.metrics.called(endpoint);
		this.pending.computeIfAbsent(new Tally(today(), appId, endpoint.key()), (tally) -> new LongAdder()).increment();
	}

	/**
	 * Adds this instance's counts to Redis: one round trip per account called since the last flush, and one for the
	 * platform-wide figures. An account's counts include this instance's pending ones; {@link #platformCalls} flushes
	 * first (unless a flush is running). Best effort: counts that could not be added are kept for the next flush.
	 */
	@Scheduled(fixedDelayString = "${atrium.upstream.usage-flush:1s}")
	public void flush() {
		// One flush at a time. The schedule never waits for another; a platform-wide read waits a moment for a running
		// one (so that it sees this instance's calls), but never queues for long: the soak saw pages stack up behind
		// a plain lock for seconds.
		if (!this.flushing.tryLock()) {
			return;
		}
		try {
			flushPending();
		}
		finally {
			this.flushing.unlock();
		}
	}

	/**
	 * Flushes, waiting up to a second for a flush already running: when the instance stops (what is still pending
	 * then would be lost). Platform-wide reads only flush when no flush is running: under load a page must not queue
	 * behind one (the soak saw the dashboard pass 10 s), and a running flush is about to add the counts anyway.
	 */
	@PreDestroy
	public void flushAndWait() {
		try {
			if (!this.flushing.tryLock(1, TimeUnit.SECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try {
			flushPending();
		}
		finally {
			this.flushing.unlock();
		}
	}

	private void flushPending() {
		LocalDate today = today();
		// Taken out of the tallies (which keep counting meanwhile), per day and account.
		Map<LocalDate, Map<String, Map<Tally, Long>>> taken = new HashMap<>();
		for (Map.Entry<Tally, LongAdder> entry : this.pending.entrySet()) {
			Tally tally = entry.getKey();
			long calls = entry.getValue().sumThenReset();
			if (calls > 0) {
				taken.computeIfAbsent(tally.day(), (day) -> new HashMap<>())
					.computeIfAbsent(tally.appId(), (appId) -> new HashMap<>())
					.put(tally, calls);
			}
			else if (!tally.day().equals(today)) {
				this.pending.remove(tally, entry.getValue());
			}
		}
		String retention = Long.toString(COUNT_RETENTION.toSeconds());
		boolean failed = false;
		for (Map.Entry<LocalDate, Map<String, Map<Tally, Long>>> day : taken.entrySet()) {
			Map<String, Long> byApi = new HashMap<>();
			Map<String, Long> byAccount = new HashMap<>();
			Map<String, Long> peaks = new HashMap<>();
			Set<String> nearQuota = new HashSet<>();
			for (Map.Entry<String, Map<Tally, Long>> account : day.getValue().entrySet()) {
				if (failed) {
					putBack(account.getValue());
					continue;
				}
				List<String> args = new ArrayList<>();
				args.add(retention);
				List<Tally> order = new ArrayList<>(account.getValue().keySet());
				order.forEach((tally) -> {
					args.add(tally.api());
					args.add(Long.toString(account.getValue().get(tally)));
				});
				try {
					List<?> totals = this.redis.execute(COUNT, List.of(callsKey(account.getKey(), day.getKey())),
							args.toArray());
					for (int i = 0; i < order.size() && totals != null && i < totals.size(); i++) {
						long total = ((Number) totals.get(i)).longValue();
						peaks.merge(order.get(i).api(), total, Math::max);
						if (nearQuota(total)) {
							nearQuota.add(account.getKey());
						}
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Could not add call counts to Redis: {}", ex.toString());
					failed = true;
					putBack(account.getValue());
					continue;
				}
				account.getValue().forEach((tally, calls) -> {
					byApi.merge(tally.api(), calls, Long::sum);
					byAccount.merge(tally.appId(), calls, Long::sum);
				});
			}
			if (!byAccount.isEmpty()) {
				addToPlatform(day.getKey(), byApi, byAccount, peaks, nearQuota, retention);
			}
		}
	}

	/** Counts that could not be added go back to their tallies, for the next flush. */
	private void putBack(Map<Tally, Long> counts) {
		counts.forEach((tally, calls) -> this.pending.computeIfAbsent(tally, (key) -> new LongAdder()).add(calls));
	}

	/**
	 * The platform-wide figures of what the accounts' hashes just received. Not retried when it fails: the accounts'
	 * own counts are in, and adding them again would count them twice there.
	 */
	private void addToPlatform(LocalDate day, Map<String, Long> byApi, Map<String, Long> byAccount,
			Map<String, Long> peaks, Set<String> nearQuota, String retention) {
		List<String> args = new ArrayList<>();
		args.add(retention);
		args.add(Integer.toString(byApi.size()));
		args.add(Integer.toString(peaks.size()));
		args.add(Integer.toString(nearQuota.size()));
		byApi.forEach((api, calls) -> {
			args.add(api);
			args.add(Long.toString(calls));
		});
		peaks.forEach((api, total) -> {
			args.add(api);
			args.add(Long.toString(total));
		});
		args.addAll(nearQuota);
		byAccount.forEach((appId, calls) -> {
			args.add(appId);
			args.add(Long.toString(calls));
		});
		try {
			this.redis.execute(COUNT_PLATFORM, List.of(platformKey(day, "calls"), platformKey(day, "accounts-by-calls"),
					platformKey(day, "peak"), platformKey(day, "near-quota")), args.toArray());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not add platform-wide call counts to Redis: {}", ex.toString());
		}
	}

	/** Whether an account's calls of one API are {@value #NEAR_QUOTA_PERCENT} % of the daily limit or more. */
	private boolean nearQuota(long calls) {
		return this.perDay > 0 && Math.round(100.0 * calls / this.perDay) >= NEAR_QUOTA_PERCENT;
	}

	/**
	 * An attempt that failed upstream.
	 * @param errcode WeChat's errcode, or null when WeChat did not answer in its protocol (HTTP error, I/O)
	 * @param message WeChat's errmsg (no secrets in it, and it carries the rid), or Atrium's short reason
	 */
	public void failed(String appId, WeChatApi endpoint, Integer errcode, String message) {
		this.metrics.failed(endpoint, errcode);
		logFailure(appId, endpoint, errcode, message);
		String entry = this.clock.millis() + "\t" + endpoint.path() + "\t" + ((errcode != null) ? errcode : "") + "\t"
				+ oneLine(message);
		try {
			this.redis.execute(RECORD, List.of(errorsKey(appId)), entry, Integer.toString(RECENT_ERRORS),
					Long.toString(ERROR_RETENTION.toSeconds()));
			LocalDate day = today();
			this.redis.execute(TALLY, List.of(platformKey(day, "errors"), platformKey(day, "accounts-by-errors")),
					(errcode != null) ? errcode.toString() : NO_ERRCODE, appId,
					Long.toString(COUNT_RETENTION.toSeconds()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record an upstream error of {} for {}: {}", endpoint.path(), appId, ex.toString());
		}
	}

	/**
	 * Logs an upstream error with WeChat's {@code rid} in the MDC ({@value #RID_MDC}): a structured log line then
	 * carries it as a field, which WeChat's support asks for. The errmsg carries no secrets.
	 */
	private static void logFailure(String appId, WeChatApi endpoint, Integer errcode, String message) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String rid = (errcode != null) ? new WeChatError(errcode, message).rid() : null;
		if (rid == null) {
			logger.info("WeChat {} failed for {}: errcode {}, {}", endpoint.path(), appId,
					(errcode != null) ? errcode : "none", oneLine(message));
			return;
		}
		try (MDC.MDCCloseable ignored = MDC.putCloseable(RID_MDC, rid)) {
			logger.info("WeChat {} failed for {}: errcode {}, {}", endpoint.path(), appId, errcode, oneLine(message));
		}
	}

	/** The WeChat day (Asia/Shanghai) the injected clock is in: WeChat's daily quotas reset at its midnight. */
	public LocalDate today() {
		return WeChatDay.of(this.clock.instant());
	}

	/** Calls per endpoint key on a WeChat day. */
	public Map<String, String> calls(String appId, LocalDate day) {
		return withPending(appId, day, this.redis.<String, String>opsForHash().entries(callsKey(appId, day)));
	}

	/**
	 * {@link #calls} and recent errors (newest first) of many accounts in one round trip (a pipeline), for the
	 * operations views: read one account after the other, a page of 30 accounts took seconds when the machine was
	 * busy.
	 */
	public List<AccountUsage> accountUsage(List<String> appIds, LocalDate day) {
		if (appIds.isEmpty()) {
			return List.of();
		}
		List<Object> read = RedisPipeline.read(this.redis, (operations) -> {
			for (String appId : appIds) {
				operations.opsForHash().entries(callsKey(appId, day));
				operations.opsForList().range(errorsKey(appId), 0, RECENT_ERRORS - 1);
			}
		});
		List<AccountUsage> usage = new ArrayList<>(appIds.size());
		for (int i = 0; i < appIds.size(); i++) {
			@SuppressWarnings("unchecked")
			Map<String, String> calls = (Map<String, String>) read.get(2 * i);
			@SuppressWarnings("unchecked")
			List<String> errors = (List<String>) read.get(2 * i + 1);
			usage.add(new AccountUsage(withPending(appIds.get(i), day, calls), errors(errors)));
		}
		return usage;
	}

	/** This instance's calls not yet in Redis, added without flushing: an operations page reads many accounts. */
	private Map<String, String> withPending(String appId, LocalDate day, Map<String, String> stored) {
		Map<String, String> calls = new HashMap<>((stored != null) ? stored : Map.of());
		this.pending.forEach((tally, count) -> {
			long unflushed = count.sum();
			if (unflushed > 0 && tally.appId().equals(appId) && tally.day().equals(day)) {
				calls.merge(tally.api(), Long.toString(unflushed),
						(kept, added) -> Long.toString(Long.parseLong(kept) + Long.parseLong(added)));
			}
		});
		return calls;
	}

	private static List<UpstreamError> errors(List<String> entries) {
		List<UpstreamError> errors = new ArrayList<>();
		for (String entry : (entries != null) ? entries : List.<String>of()) {
			String[] parts = entry.split("\t", 4);
			if (parts.length == 4) {
				Integer errcode = parts[2].isEmpty() ? null : Integer.valueOf(parts[2]);
				String rid = (errcode != null) ? new WeChatError(errcode, parts[3]).rid() : null;
				errors.add(new UpstreamError(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], errcode,
						parts[3], rid));
			}
		}
		return errors;
	}

	/**
	 * Calls of every account per endpoint key on a WeChat day. Flushes this instance's pending counts first (unless a
	 * flush is running), so that what it reads includes them; the other platform-wide reads do not flush again.
	 */
	public Map<String, Long> platformCalls(LocalDate day) {
		flush();
		Map<String, Long> calls = new HashMap<>();
		this.redis.<String, String>opsForHash()
			.entries(platformKey(day, "calls"))
			.forEach((api, count) -> calls.put(api, Long.parseLong(count)));
		return calls;
	}

	/** Upstream errors of every account per errcode on a WeChat day, most frequent first; null errcode: no answer. */
	public List<ErrorCount> platformErrors(LocalDate day) {
		List<ErrorCount> errors = new ArrayList<>();
		this.redis.<String, String>opsForHash().entries(platformKey(day, "errors")).forEach((errcode, count) -> {
			Integer code = errcode.equals(NO_ERRCODE) ? null : Integer.valueOf(errcode);
			errors.add(new ErrorCount(code, Long.parseLong(count)));
		});
		errors.sort(Comparator.comparingLong(ErrorCount::count).reversed());
		return errors;
	}

	/** The accounts with the most calls on a WeChat day, most first. */
	public List<AccountCount> accountsByCalls(LocalDate day, int limit) {
		return topAccounts(platformKey(day, "accounts-by-calls"), limit);
	}

	/** The accounts with the most upstream errors on a WeChat day, most first. */
	public List<AccountCount> accountsByErrors(LocalDate day, int limit) {
		return topAccounts(platformKey(day, "accounts-by-errors"), limit);
	}

	/**
	 * The most calls one account made of each API on a WeChat day (by endpoint key): how near the busiest account came
	 * to Atrium's daily limit. Only as current as the last flush: read {@link #platformCalls} first.
	 */
	public Map<String, Long> platformPeaks(LocalDate day) {
		Map<String, Long> peaks = new HashMap<>();
		this.redis.<String, String>opsForHash()
			.entries(platformKey(day, "peak"))
			.forEach((api, count) -> peaks.put(api, Long.parseLong(count)));
		return peaks;
	}

	/**
	 * How many accounts used {@value #NEAR_QUOTA_PERCENT} % or more of the daily limit of an API on a WeChat day, as
	 * the operations list's "near quota" filter counts them.
	 */
	public long accountsNearQuota(LocalDate day) {
		Long size = this.redis.opsForSet().size(platformKey(day, "near-quota"));
		return (size != null) ? size : 0;
	}

	/** How many accounts had an upstream error on a WeChat day. */
	public long accountsWithErrors(LocalDate day) {
		Long size = this.redis.opsForZSet().zCard(platformKey(day, "accounts-by-errors"));
		return (size != null) ? size : 0;
	}

	/** How many accounts called WeChat on a WeChat day. */
	public long accountsCalling(LocalDate day) {
		Long size = this.redis.opsForZSet().zCard(platformKey(day, "accounts-by-calls"));
		return (size != null) ? size : 0;
	}

	private List<AccountCount> topAccounts(String key, int limit) {
		Set<ZSetOperations.TypedTuple<String>> top = this.redis.opsForZSet().reverseRangeWithScores(key, 0, limit - 1);
		List<AccountCount> accounts = new ArrayList<>();
		for (ZSetOperations.TypedTuple<String> entry : (top != null) ? top : Set.<ZSetOperations.TypedTuple<String>>of()) {
			accounts.add(new AccountCount(entry.getValue(), entry.getScore().longValue()));
		}
		return accounts;
	}

	private String platformKey(LocalDate day, String name) {
		return this.keyspace.tagged("content-day:" + day, name);
	}

	private String callsKey(String appId, LocalDate day) {
		return this.keyspace.key("content", "calls", appId, day.toString());
	}

	private String errorsKey(String appId) {
		return this.keyspace.key("content", "errors", appId);
	}

	private static String oneLine(String message) {
		String text = (message != null) ? message.replaceAll("[\\t\\r\\n]+", " ") : "";
		return (text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) : text;
	}

	/**
	 * One account's calls, as {@link #calls} reads them, and its recent errors, newest first.
	 *
	 * @param calls calls per endpoint key on the day asked
	 * @param recentErrors the latest upstream errors, newest first
	 */
	public record AccountUsage(Map<String, String> calls, List<UpstreamError> recentErrors) {

	}

	/**
	 * Upstream errors of one errcode across the platform on a day.
	 *
	 * @param errcode WeChat's errcode, or null for calls WeChat did not answer in its protocol
	 * @param count how many
	 */
	public record ErrorCount(Integer errcode, long count) {

	}

	/**
	 * An account and a count (calls or errors) on a day.
	 *
	 * @param appId the account
	 * @param count how many
	 */
	public record AccountCount(String appId, long count) {

	}

	/** Calls of one API for one account on one WeChat day, not yet added to Redis. */
	private record Tally(LocalDate day, String appId, String api) {

	}

}
