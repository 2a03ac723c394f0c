package io.atrium.token.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * When each token is due for proactive refresh: one Redis sorted set, scored by due time. A sweep claims only
 * what is due (O(due), not O(accounts)), and claiming pushes the entry's score out by a lease, so that several
 * instances sweeping at once share the work instead of repeating it; a claimed refresh that never completes
 * comes due again when the lease ends.
 */
@Component
public class RefreshSchedule {

	private static final RedisScript<List> CLAIM_DUE = RedisScript.of("""
			local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
			for _, member in ipairs(due) do
				redis.call('ZADD', KEYS[1], ARGV[3], member)
			end
			return due""", List.class);

	/**
	 * How late an entry may be before it counts as overdue. A healthy sweep claims due entries within seconds (every
	 * {@code sweep-interval}, 10 s), and a claim whose refresh failed comes back after the 1-minute lease; an entry
	 * still unclaimed 5 minutes after its due time means no instance is sweeping or sweeps do not keep up, with
	 * 10 of the 15 minutes of {@code refresh-ahead} left before callers would find the token expired.
	 */
	static final Duration OVERDUE_GRACE = Duration.ofMinutes(5);

	private static final int BATCH = 1000;

	private final StringRedisTemplate redis;

	private final String key;

	/** Written once a repair has put every authorized account on the schedule: a flush takes it with the rest. */
	private final String completeKey;

	public RefreshSchedule(StringRedisTemplate redis, RedisKeyspace keys) {
		this.redis = redis;
		this.key = keys.key("refresh-schedule");
		this.completeKey = keys.key("refresh-schedule-complete");
	}

	/**
	 * Whether the schedule was repaired since Redis last lost it: one {@code EXISTS}, so that every sweep can
	 * notice a flush and have the schedule rebuilt within a sweep, not at the next periodic repair.
	 */
	public boolean isComplete() {
		return Boolean.TRUE.equals(this.redis.hasKey(this.completeKey));
	}

	public void markComplete() {
		this.redis.opsForValue().set(this.completeKey, "1");
	}

	/** When the subject is due, if it is on the schedule. */
	public Optional<Instant> dueAt(TokenSubject subject) {
		Double score = this.redis.opsForZSet().score(this.key, subject.tag());
		return Optional.ofNullable(score).map((millis) -> Instant.ofEpochMilli(millis.longValue()));
	}

	/**
	 * Which of the subjects have no entry: one {@code ZMSCORE} per {@value #BATCH} subjects, so that a repair over
	 * 100,000 accounts is a hundred round trips, not 100,000.
	 */
	public List<TokenSubject> missing(List<TokenSubject> subjects) {
		List<TokenSubject> missing = new ArrayList<>();
		for (int from = 0; from < subjects.size(); from += BATCH) {
			List<TokenSubject> batch = subjects.subList(from, Math.min(from + BATCH, subjects.size()));
			List<Double> scores = this.redis.opsForZSet()
				.score(this.key, batch.stream().map(TokenSubject::tag).toArray());
			for (int i = 0; i < batch.size(); i++) {
				if (scores == null || scores.get(i) == null) {
					missing.add(batch.get(i));
				}
			}
		}
		return missing;
	}

	/** Puts the subjects on the schedule, due at {@code dueAt}, in one {@code ZADD} per {@value #BATCH}. */
	public void scheduleAll(List<TokenSubject> subjects, Instant dueAt) {
		for (int from = 0; from < subjects.size(); from += BATCH) {
			Set<ZSetOperations.TypedTuple<String>> entries = new HashSet<>();
			for (TokenSubject subject : subjects.subList(from, Math.min(from + BATCH, subjects.size()))) {
				entries.add(ZSetOperations.TypedTuple.of(subject.tag(), (double) dueAt.toEpochMilli()));
			}
			this.redis.opsForZSet().add(this.key, entries);
		}
	}

	public void schedule(TokenSubject subject, Instant dueAt) {
		this.redis.opsForZSet().add(this.key, subject.tag(), dueAt.toEpochMilli());
	}

	public void remove(TokenSubject subject) {
		this.redis.opsForZSet().remove(this.key, subject.tag());
	}

	/** How many entries were due more than {@link #OVERDUE_GRACE} before {@code now} (one ZCOUNT, O(log n)). */
	public long countOverdue(Instant now) {
		Long count = this.redis.opsForZSet()
			.count(this.key, Double.NEGATIVE_INFINITY, now.minus(OVERDUE_GRACE).toEpochMilli());
		return (count != null) ? count : 0;
	}

	/** When the earliest entry is due (claimed entries are due again when their lease ends), if any. */
	public Optional<Instant> oldestDue() {
		Set<ZSetOperations.TypedTuple<String>> first = this.redis.opsForZSet().rangeWithScores(this.key, 0, 0);
		return (first == null) ? Optional.empty()
				: first.stream()
					.map(ZSetOperations.TypedTuple::getScore)
					.filter(Objects::nonNull)
					.map((score) -> Instant.ofEpochMilli(score.longValue()))
					.findFirst();
	}

	/**
	 * Claims up to {@code limit} subjects due at {@code now}; each comes due again after {@code lease} unless its
	 * refresh reschedules it first.
	 */
	@SuppressWarnings("unchecked")
	public List<TokenSubject> claimDue(Instant now, int limit, Duration lease) {
		List<String> tags = this.redis.execute(CLAIM_DUE, List.of(this.key), String.valueOf(now.toEpochMilli()),
				String.valueOf(limit), String.valueOf(now.plus(lease).toEpochMilli()));
		return (tags != null) ? tags.stream().map(TokenSubject::fromTag).toList() : List.of();
	}

}
