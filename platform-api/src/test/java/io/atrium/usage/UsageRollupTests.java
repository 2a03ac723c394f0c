package io.atrium.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.atrium.content.ContentIntegrationTests;
import io.atrium.testsupport.TestRedis;
import io.atrium.token.cache.RefreshOutcomes;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The daily roll-up against the tests' real PostgreSQL and Redis: what Redis counted for a WeChat day lands in
 * {@code usage_day} once however often and by however many instances it is rolled up, calls made in a day's last
 * second and flushed after midnight stay in that day, and the history reads past days from PostgreSQL and the live
 * ones from Redis. Each test runs its "instances" (counters and roll-ups) on clocks of its own, set to days far from
 * the suite's, so nothing depends on the hour the test runs.
 */
@Tag(TestRedis.TAG)
class UsageRollupTests extends ContentIntegrationTests {

	@Autowired
	UpstreamMetrics metrics;


	private static final ZoneId CHINA = WeChatDay.ZONE;

	@Autowired
	RedisKeyspace keyspace;

	@Autowired
	WeChatApis apis;

	@Autowired
	UsageHistoryProperties properties;

	@BeforeEach
	void noHistory() {
		this.jdbc.sql("truncate usage_day").update();
	}

	@Test
	void rollsUpADaysCallsErrorsRefreshesAndPeaksOnceHoweverOftenItRuns() {
		LocalDate day = LocalDate.of(2031, 3, 14);
		Instance one = new Instance(at(day, "10:00"), 5000);
		WeChatApi batchget = this.apis.byKey("freepublish-batchget");
		WeChatApi count = this.apis.byKey("material-count");
		call(one, "wx-a", batchget, 3);
		call(one, "wx-b", batchget, 5);
		call(one, "wx-b", count, 2);
		one.usage.failed("wx-a", batchget, 45009, "reach max api daily quota limit rid: 1-2-3");
		one.usage.failed("wx-b", count, null, "HTTP 503");
		one.usage.failed("wx-b", count, null, "no answer");
		one.refreshes.succeeded(TokenSubject.authorizer("wx-a"));
		one.refreshes.succeeded(TokenSubject.authorizer("wx-b"));
		one.refreshes.succeeded(TokenSubject.component("wx-component"));
		one.refreshes.failed(TokenSubject.authorizer("wx-a"),
				new WeChatApiException("/cgi-bin/component/api_authorizer_token", new WeChatError(61023, "invalid")));
		one.refreshes.failed(TokenSubject.authorizer("wx-b"), new WeChatUnavailableException("x", 503, "HTTP 503"));

		one.rollup.rollUp();
		Map<String, Long> first = rows(day);
		one.rollup.rollUp();
		one.rollup.rollUp();
		new Instance(at(day, "10:01"), 5000).rollup.rollUp();

		assertThat(first).containsOnly(entry("calls/freepublish-batchget", 8L), entry("calls/material-count", 2L),
				entry("peak/freepublish-batchget", 5L), entry("peak/material-count", 2L), entry("errors/45009", 1L),
				entry("errors/none", 2L), entry("refreshes/authorizer:ok", 2L), entry("refreshes/component:ok", 1L),
				entry("refreshes/authorizer:errcode-61023", 1L), entry("refreshes/authorizer:no-answer", 1L));
		assertThat(rows(day)).as("rolled up again, by this instance and another").isEqualTo(first);
		assertThat(rows(day.minusDays(1))).as("yesterday had nothing").isEmpty();
	}

	@Test
	void callsInADaysLastSecondFlushedAfterMidnightStayInThatDay() {
		LocalDate day = LocalDate.of(2032, 7, 31);
		MovableClock clock = at(day, "23:59:59");
		Instance one = new Instance(clock, 5000);
		WeChatApi batchget = this.apis.byKey("freepublish-batchget");
		call(one, "wx-a", batchget, 2);
		// Counted before midnight, still in the instance's memory when the day ends.
		one.usage.called("wx-a", batchget);
		clock.move(Duration.ofSeconds(2));
		call(one, "wx-a", batchget, 4);
		one.rollup.rollUp();

		assertThat(rows(day)).containsEntry("calls/freepublish-batchget", 3L);
		assertThat(rows(day.plusDays(1))).containsEntry("calls/freepublish-batchget", 4L);

		// Three days later Redis holds neither day for the history (it reads only yesterday and today there).
		clock.move(Duration.ofDays(3));
		UsageDays week = one.history.lastDays(7);
		assertThat(week.days()).hasSize(7).endsWith(day.plusDays(4)).startsWith(day.minusDays(2));
		assertThat(week.calls()).singleElement().satisfies((series) -> {
			assertThat(series.key()).isEqualTo("freepublish-batchget");
			assertThat(series.values()).containsExactly(0L, 0L, 3L, 4L, 0L, 0L, 0L);
		});
		assertThat(week.peaks()).singleElement()
			.satisfies((series) -> assertThat(series.values()).containsExactly(0L, 0L, 3L, 4L, 0L, 0L, 0L));
		assertThat(one.history.lastDays(30).days()).hasSize(30).endsWith(day.plusDays(4));
	}

	@Test
	void showsTodayLiveFromRedisBeforeAnyRollup() {
		LocalDate day = LocalDate.of(2033, 1, 1);
		Instance one = new Instance(at(day, "00:00:00"), 5000);
		call(one, "wx-a", this.apis.byKey("menu-get"), 2);
		one.usage.failed("wx-a", this.apis.byKey("menu-get"), 40001, "invalid credential");

		UsageDays week = one.history.lastDays(7);

		assertThat(rows(day)).as("not rolled up yet").isEmpty();
		assertThat(week.days()).endsWith(day);
		assertThat(week.calls()).extracting(UsageDays.Series::key, (series) -> series.values().get(6))
			.containsExactly(tuple("menu-get", 2L));
		assertThat(week.errors()).extracting(UsageDays.Series::key, (series) -> series.values().get(6))
			.containsExactly(tuple("40001", 1L));
	}

	@Test
	void twoInstancesCountingAndRollingUpAtOnceNeverCountTwice() throws Exception {
		LocalDate day = LocalDate.of(2034, 5, 20);
		Instance one = new Instance(at(day, "12:00"), 5000);
		Instance two = new Instance(at(day, "12:00"), 5000);
		WeChatApi batchget = this.apis.byKey("freepublish-batchget");
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (Instance instance : List.of(one, two)) {
				for (int t = 0; t < 2; t++) {
					String appId = "wx-" + work.size();
					work.add(threads.submit((Callable<Void>) () -> {
						for (int i = 0; i < 200; i++) {
							instance.usage.called(appId, batchget);
							if (i % 20 == 0) {
								instance.usage.flush();
							}
						}
						return null;
					}));
				}
				work.add(threads.submit((Callable<Void>) () -> {
					for (int i = 0; i < 15; i++) {
						instance.rollup.rollUp();
					}
					return null;
				}));
			}
			for (Future<?> each : work) {
				each.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		one.rollup.rollUp();
		two.rollup.rollUp();

		assertThat(rows(day)).containsEntry("calls/freepublish-batchget", 800L)
			.containsEntry("peak/freepublish-batchget", 200L);
		// A roll-up that read Redis earlier, landing last, does not lower the day.
		UsageCounts stale = UsageCounts.empty();
		stale.put(UsageMetric.CALLS, "freepublish-batchget", 120);
		new UsageDayStore(this.jdbc).write(day, stale);
		assertThat(rows(day)).containsEntry("calls/freepublish-batchget", 800L);
	}

	@Test
	void countsAccountsNearTheirDailyLimitAsTheOperationsListDoes() {
		LocalDate day = LocalDate.of(2035, 9, 9);
		Instance one = new Instance(at(day, "08:00"), 10);
		call(one, "wx-near", this.apis.byKey("menu-get"), 8);
		call(one, "wx-far", this.apis.byKey("menu-get"), 7);
		call(one, "wx-far", this.apis.byKey("user-get"), 7);
		one.usage.platformCalls(day);

		assertThat(one.usage.accountsNearQuota(day)).as("80 % of 10, rounded").isOne();
		assertThat(one.usage.platformPeaks(day)).containsOnly(entry("menu-get", 8L), entry("user-get", 7L));
	}

	@Test
	void forgetsDaysOlderThanItKeeps() {
		LocalDate day = LocalDate.of(2036, 2, 1);
		MovableClock clock = at(day, "09:00");
		Instance one = new Instance(clock, 5000);
		call(one, "wx-a", this.apis.byKey("menu-get"), 1);
		one.rollup.rollUp();
		clock.move(this.properties.keep().minusDays(1));
		one.rollup.rollUp();
		assertThat(rows(day)).isNotEmpty();
		clock.move(Duration.ofDays(2));
		one.rollup.rollUp();
		assertThat(rows(day)).isEmpty();
	}

	private static void call(Instance instance, String appId, WeChatApi api, int times) {
		for (int i = 0; i < times; i++) {
			instance.usage.called(appId, api);
		}
	}

	/** A day's rows as {@code metric/key} to count. */
	private Map<String, Long> rows(LocalDate day) {
		Map<String, Long> rows = new TreeMap<>();
		this.jdbc.sql("select metric, key, count from usage_day where day = ?")
			.param(day)
			.query((row, number) -> Map.entry(row.getString("metric") + "/" + row.getString("key"), row.getLong("count")))
			.list()
			.forEach((row) -> rows.put(row.getKey(), row.getValue()));
		return rows;
	}

	private static MovableClock at(LocalDate day, String time) {
		return new MovableClock(LocalDateTime.of(day, LocalTime.parse(time)).atZone(CHINA).toInstant());
	}

	/** One Atrium instance's counters, roll-up and history, on its own clock. */
	private final class Instance {

		final UpstreamUsage usage;

		final RefreshOutcomes refreshes;

		final UsageRollup rollup;

		final UsageHistory history;

		Instance(Clock clock, int perDay) {
			this.usage = new UpstreamUsage(UsageRollupTests.this.redis, UsageRollupTests.this.keyspace, clock, perDay,
					UsageRollupTests.this.metrics);
			this.refreshes = new RefreshOutcomes(UsageRollupTests.this.redis, UsageRollupTests.this.keyspace, clock);
			UsageSource source = new UsageSource(this.usage, this.refreshes);
			UsageDayStore store = new UsageDayStore(UsageRollupTests.this.jdbc);
			this.rollup = new UsageRollup(source, store, UsageRollupTests.this.properties, clock);
			this.history = new UsageHistory(source, store, UsageRollupTests.this.apis, clock);
		}

	}

	/** A clock that stands still until the test moves it. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return CHINA;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
