package io.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.bench.fleet.Provisioner;
import io.atrium.bench.load.Answer;
import io.atrium.bench.load.Http;
import io.atrium.bench.load.Json;
import io.atrium.bench.load.SandboxControl;
import io.atrium.bench.load.Upstream;
import io.atrium.bench.stack.AtriumInstance;
import io.atrium.bench.stack.DataSnapshot;
import io.atrium.bench.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Many authorized accounts kept fresh (issue 13): accounts onboarded through the console and WeChat's
 * authorization page, then held through several token lifetimes on two instances whose clocks follow the
 * sandbox's, which the run moves; then Redis flushed and the time until every token is valid again measured.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
		description = "Accounts kept fresh through several token lifetimes and a Redis flush; exit 0 only if every check passed.")
final class FleetCommand implements Callable<Integer> {

	private static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";

	private static final String COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";

	private static final Pattern TOKENS_WITHOUT = Pattern.compile("id=\"tokens-without\"[^>]*>(\\d+)<");

	@Option(names = "--repo", defaultValue = ".", description = "repository root (jars under */target)")
	Path repo;

	@Option(names = "--run-dir", defaultValue = "bench/target/fleet", description = "logs, data and report")
	Path runDir;

	@Option(names = "--accounts", defaultValue = "10000", description = "authorized accounts to hold")
	int accounts;

	@Option(names = "--accounts-per-tenant", defaultValue = "1000")
	int accountsPerTenant;

	@Option(names = "--onboarding-threads", defaultValue = "16", description = "merchants authorizing at once")
	int onboardingThreads;

	@Option(names = "--onboarding", defaultValue = "console",
			description = "console: each account through an onboarding link and WeChat's authorization page; import: "
					+ "accounts authorized while another platform held them, taken over by one file uploaded to the "
					+ "console's import (api_get_authorizer_list), as a provider switching to Atrium does")
	String onboarding;

	@Option(names = "--token-lifetime", defaultValue = "7200", description = "expires_in the sandbox answers, seconds")
	int tokenLifetime;

	@Option(names = "--lifetimes", defaultValue = "3", description = "token lifetimes to hold the accounts through")
	int lifetimes;

	@Option(names = "--max-speed", defaultValue = "60", description = "sandbox seconds the clock moves per real second, at most")
	int maxSpeed;

	@Option(names = "--target-rate", defaultValue = "150",
			description = "tokens that may come due per real second (both instances together): the clock moves slower "
					+ "while a wave of tokens comes due")
	int targetRate;

	@Option(names = "--latency", defaultValue = "40-60", description = "milliseconds every WeChat call takes while holding")
	String latency;

	@Option(names = "--refresh-concurrency", defaultValue = "0",
			description = "atrium.tokens.refresh.concurrency of each instance; 0: Atrium's default")
	int refreshConcurrency;

	@Option(names = "--recovery-goal", defaultValue = "PT10M", description = "every token valid again this soon after the flush")
	Duration recoveryGoal;

	@Override
	public Integer call() throws Exception {
		Report report = new Report();
		Map<String, String> settings = new LinkedHashMap<>();
		if (this.refreshConcurrency > 0) {
			settings.put("atrium.tokens.refresh.concurrency", Integer.toString(this.refreshConcurrency));
		}
		// The accounts have no content: the content index's first sync of each would only add WeChat calls and CPU
		// that are not the token refresh's. Its schedule starts after a day.
		settings.put("atrium.content.index.tick", "1d");
		settings.put("logging.level.io.atrium.token.authorizer.ProactiveTokenRefresher", "info");
		// A sweep every real second: at 60x that is one every sandbox minute (production: every 10 s). With the
		// default 10 s a sweep would come every 10 sandbox minutes, most of the 15-minute refresh-ahead margin.
		settings.put("atrium.tokens.sweep-interval", "1s");
		// The margins Atrium applies to this lifetime (TokenSettings' defaults and fractions).
		long safety = Math.min(300, this.tokenLifetime / 12);
		long ahead = Math.min(900, this.tokenLifetime / 6);
		long spread = Math.min(300, this.tokenLifetime / 24);
		try (Stack stack = Stack.start(this.repo, this.runDir, "0-0", this.tokenLifetime, settings, null, true)) {
			List<String> bases = stack.instances().stream().map(AtriumInstance::baseUrl).toList();
			String sandbox = stack.sandbox().baseUrl();
			Upstream upstream = new Upstream(sandbox);
			SandboxControl control = new SandboxControl(sandbox);
			Http http = Http.plain(Duration.ofSeconds(30));
			upstream.pushTicket();
			long memoryBefore = usedMemory(stack);

			long onboardingStart = System.nanoTime();
			Provisioner provisioner = new Provisioner(bases.get(0), sandbox);
			boolean imported = "import".equals(this.onboarding);
			if (!imported && !"console".equals(this.onboarding)) {
				throw new IllegalArgumentException("--onboarding is console or import, not " + this.onboarding);
			}
			List<String> appIds = imported
					? provisioner.importMany(this.accounts, this.accountsPerTenant, this.onboardingThreads)
					: provisioner.onboardMany(this.accounts, this.accountsPerTenant, this.onboardingThreads);
			long onboardingSeconds = seconds(onboardingStart);
			// An imported account comes with a refresh token only: Atrium fetches its first access token itself.
			long firstTokens = imported ? waitForEveryToken(bases.get(0), Duration.ofHours(1), 0) : 0;
			long importedTokens = seconds(onboardingStart);
			long memoryOnboarded = usedMemory(stack);
			Map<String, Long> rowsOnboarded = rows(stack);
			report.line(String.format("# Fleet: %,d accounts, two instances, %d s tokens, %d lifetimes", appIds.size(),
					this.tokenLifetime, this.lifetimes));
			report.line("");
			if (imported) {
				report.line(String.format("Authorized in the sandbox while Atrium did not hold them (%d merchants at "
						+ "once), then imported by one file of %,d lines uploaded to the console's import: %d s in all "
						+ "(%.0f accounts/s); every account with a valid token %d s after the start (%,d without one "
						+ "at the end of the wait).", this.onboardingThreads, appIds.size(), onboardingSeconds,
						appIds.size() / (double) Math.max(1, onboardingSeconds), importedTokens, firstTokens));
			}
			else {
				report.line(String.format("Onboarded through the console and WeChat's authorization page in %d s (%.0f "
						+ "accounts/s, %d merchants at once).", onboardingSeconds,
						appIds.size() / (double) Math.max(1, onboardingSeconds), this.onboardingThreads));
			}
			report.check("every account onboarded is held", rowsOnboarded.get("official_account") == appIds.size()
					&& firstTokens == 0, rowsOnboarded.get("official_account") + " held, " + firstTokens
							+ " without a token");

			// Holding: WeChat answers in --latency; every real second the sandbox's clock, which Atrium follows,
			// moves as far as it can (at most --max-speed seconds) while at most --target-rate tokens are expected to
			// come due, through --lifetimes token lifetimes. Time compression must not turn a wave of tokens fetched
			// together into more refreshes a second than real time would ask for.
			int[] range = latencyRange(this.latency);
			control.latency(range[0], range[1]);
			JsonNode countersBefore = upstream.counters();
			JsonNode tokensBefore = tokens(http, sandbox);
			Map<String, Long> cpuBefore = cpuTicks(stack);
			long holdSeconds = (long) this.lifetimes * this.tokenLifetime;
			long maxExpiredNow = 0;
			long holdStart = System.nanoTime();
			System.out.printf("Holding for %d sandbox seconds, at most %dx%n", holdSeconds, this.maxSpeed);
			long lead = safety + ahead + spread;
			long lastReport = 0;
			for (long moved = 0; moved < holdSeconds;) {
				long tick = System.nanoTime();
				long step = step(http, sandbox, safety + ahead, spread, (int) Math.min(this.maxSpeed, holdSeconds - moved));
				expect(http.postJson(sandbox + "/sandbox/clock/advance", "{\"seconds\":" + step + "}"), 200, "clock");
				moved += step;
				if (seconds(holdStart) >= lastReport + 10 || moved == holdSeconds) {
					lastReport = seconds(holdStart);
					JsonNode now = tokens(http, sandbox).get("authorizer");
					maxExpiredNow = Math.max(maxExpiredNow, now.get("expiredNow").asLong());
					System.out.printf("%6d s of %d: %s api_authorizer_token calls, %d expired now, %d renewed after expiry%n",
							moved, holdSeconds, calls(upstream.counters(), AUTHORIZER_TOKEN) - calls(countersBefore,
									AUTHORIZER_TOKEN),
							now.get("expiredNow").asLong(), now.get("renewalsAfterExpiry").asLong()
									- tokensBefore.get("authorizer").get("renewalsAfterExpiry").asLong());
				}
				long rest = 1000 - (System.nanoTime() - tick) / 1_000_000;
				if (rest > 0) {
					Thread.sleep(rest);
				}
			}
			long holdReal = seconds(holdStart);
			JsonNode countersHeld = upstream.counters();
			JsonNode tokensHeld = tokens(http, sandbox);
			Map<String, Long> cpuHeld = cpuTicks(stack);
			long memoryHeld = usedMemory(stack);
			Map<String, Long> rowsHeld = rows(stack);
			long refreshCalls = calls(countersHeld, AUTHORIZER_TOKEN) - calls(countersBefore, AUTHORIZER_TOKEN);
			long lateRenewals = tokensHeld.get("authorizer").get("renewalsAfterExpiry").asLong()
					- tokensBefore.get("authorizer").get("renewalsAfterExpiry").asLong();
			long expiredAtEnd = tokensHeld.get("authorizer").get("expiredNow").asLong();
			JsonNode least = tokensHeld.get("authorizer").get("leastSecondsLeft");
			double perLifetime = refreshCalls / (double) appIds.size() / this.lifetimes;
			double ceiling = this.tokenLifetime / (double) (this.tokenLifetime - safety - ahead - spread);

			report.line("");
			report.line(String.format("## Holding through %d lifetimes (%d sandbox s in %d real s, at most %dx and at most "
					+ "%d tokens coming due a second; WeChat answering in %s ms)", this.lifetimes, holdSeconds, holdReal,
					this.maxSpeed, this.targetRate, this.latency));
			report.line("");
			report.line(String.format("- api_authorizer_token calls: %,d = %.3f per account per lifetime (margins: "
					+ "valid until %d s before expiry, due %d s before that, less up to %d s: at most %.3f)",
					refreshCalls, perLifetime, safety, ahead, spread, ceiling));
			report.line(String.format("- api_component_token calls: %d", calls(countersHeld, COMPONENT_TOKEN)
					- calls(countersBefore, COMPONENT_TOKEN)));
			report.line(String.format("- tokens renewed after they had expired: %d; most expired at one sample: %d; "
					+ "expired at the end: %d; least time a renewed token had left: %s s", lateRenewals, maxExpiredNow,
					expiredAtEnd, least.isNull() ? "-" : least.asString()));
			report.line(String.format("- Redis used_memory: %,d bytes before onboarding, %,d after, %,d after the hold: "
					+ "%,d bytes per account", memoryBefore, memoryOnboarded, memoryHeld,
					(memoryHeld - memoryBefore) / appIds.size()));
			report.line("- PostgreSQL rows after onboarding " + rowsOnboarded + ", after the hold " + rowsHeld);
			for (AtriumInstance instance : stack.instances()) {
				double cpu = (cpuHeld.get(instance.name()) - cpuBefore.get(instance.name())) / 100.0;
				report.line(String.format("- CPU of %s while holding: %.1f s (%.1f%% of one core)", instance.name(), cpu,
						100 * cpu / Math.max(1, holdReal)));
			}
			report.line("");
			report.check("no token expired before its refresh (goal 0)", lateRenewals == 0 && maxExpiredNow == 0
					&& expiredAtEnd == 0, lateRenewals + " renewed late, " + maxExpiredNow + " expired at worst");
			report.check("every token refreshed before Atrium counted it expired", !least.isNull()
					&& least.asLong() >= safety, "least left " + (least.isNull() ? "-" : least.asString())
							+ " s, safety margin " + safety + " s");
			report.check("refresh calls per account per lifetime (goal 1) within the margins' ceiling",
					perLifetime <= ceiling + 0.01, String.format("%.3f, ceiling %.3f", perLifetime, ceiling));
			report.check("rows written per refresh: none", rowsHeld.equals(rowsOnboarded),
					rowsOnboarded + " -> " + rowsHeld);
			report.check("WeChat refused no token call", errors(countersHeld, AUTHORIZER_TOKEN).isEmpty()
					&& errors(countersHeld, COMPONENT_TOKEN).isEmpty(), errors(countersHeld, AUTHORIZER_TOKEN) + " "
							+ errors(countersHeld, COMPONENT_TOKEN));

			// Recovery: Redis loses everything; time stands still in the sandbox apart from real time.
			JsonNode countersFlushed = upstream.counters();
			long flushStart = System.nanoTime();
			stack.redis().flushAll();
			long without = waitForEveryToken(bases.get(0), this.recoveryGoal.plusSeconds(60), flushStart);
			long recovery = seconds(flushStart);
			JsonNode countersRecovered = upstream.counters();
			long spent = calls(countersRecovered, AUTHORIZER_TOKEN) - calls(countersFlushed, AUTHORIZER_TOKEN);
			long componentSpent = calls(countersRecovered, COMPONENT_TOKEN) - calls(countersFlushed, COMPONENT_TOKEN);
			report.line("");
			report.line("## Recovery after FLUSHALL");
			report.line("");
			report.line(String.format("- every token valid again (the console's count of authorized accounts without "
					+ "one): %s; api_authorizer_token calls spent: %,d (%.3f per account), api_component_token: %d",
					(without == 0) ? recovery + " s" : "not within " + recovery + " s (" + without + " left)", spent,
					spent / (double) appIds.size(), componentSpent));
			report.line("");
			report.check("every token valid again within " + this.recoveryGoal.toSeconds() + " s of the flush",
					without == 0 && recovery <= this.recoveryGoal.toSeconds(), recovery + " s");
			report.check("one refresh per account to recover", spent <= appIds.size() * 1.02 + 5,
					spent + " calls for " + appIds.size() + " accounts");
			report.line("");
			report.line(report.passed() ? "FLEET PASSED" : "FLEET FAILED: " + report.failures());
			report.write(this.runDir.resolve("report.md"));
		}
		return report.passed() ? 0 : 1;
	}

	/**
	 * Waits, at most {@code limit}, until the console counts no authorized account without a valid token; answers the
	 * last count. A session lost with Redis is opened again. {@code since}: when the wait's clock started (0: now).
	 */
	private static long waitForEveryToken(String base, Duration limit, long since) throws InterruptedException {
		long start = (since != 0) ? since : System.nanoTime();
		long without = Long.MAX_VALUE;
		Http admin = null;
		while (seconds(start) < limit.toSeconds()) {
			Thread.sleep(2000);
			if (admin == null) {
				admin = Http.browser(Duration.ofSeconds(60));
				admin.logIn(base, Stack.ADMIN, Stack.ADMIN_PASSWORD);
			}
			Answer dashboard = admin.get(base + "/dashboard", "Accept", "text/html");
			Matcher count = TOKENS_WITHOUT.matcher(dashboard.body());
			if (dashboard.status() != 200 || !count.find()) {
				admin = null;
				continue;
			}
			without = Long.parseLong(count.group(1));
			System.out.printf("%d s: %,d accounts without a valid token%n", seconds(start), without);
			if (without == 0) {
				break;
			}
		}
		return without;
	}

	/**
	 * The largest move of at most {@code most} seconds (at least one: real time) during which at most
	 * {@code --target-rate} tokens are expected to come due, counting the ones already due. A token is due
	 * {@code latest} before it expires less a spread Atrium draws from 0 to {@code spread}: the tokens expiring within
	 * ({@code latest}, {@code latest} + {@code spread} + move] may come due in the move, each with a chance of move /
	 * (spread + move), and every token expiring within {@code latest} is due and not renewed yet (a backlog). Counting
	 * only the earliest due times let 5,000 imported tokens come due at 500 a second; not counting the backlog let
	 * the clock run at 60x over 30,000 tokens two instances had not renewed yet (at 100,000 accounts), which expired.
	 */
	private long step(Http http, String sandbox, long latest, long spread, int most) {
		long backlog = Json.read(expect(http.get(sandbox + "/sandbox/tokens?expiringFrom=0&expiringTo=" + latest), 200,
				"sandbox tokens").body()).get("authorizer").get("expiringBetween").asLong();
		int low = 1;
		int high = most;
		while (low < high) {
			int mid = (low + high + 1) / 2;
			JsonNode answer = Json.read(expect(http.get(sandbox + "/sandbox/tokens?expiringFrom=" + latest
					+ "&expiringTo=" + (latest + spread + mid)), 200, "sandbox tokens").body());
			double expected = answer.get("authorizer").get("expiringBetween").asLong() * (double) mid / (spread + mid);
			if (backlog + expected <= this.targetRate) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return low;
	}

	private static long usedMemory(Stack stack) {
		return Long.parseLong(stack.redis().info("used_memory"));
	}

	private static Map<String, Long> rows(Stack stack) {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : List.of("official_account", "authorization_audit", "tenant", "onboarding_session",
				"authorization_code_claim")) {
			rows.put(table, DataSnapshot.count(stack.postgres(), "select count(*) from " + table));
		}
		return rows;
	}

	/** utime + stime of each instance's process, in clock ticks (1/100 s on Linux). */
	private static Map<String, Long> cpuTicks(Stack stack) throws IOException {
		Map<String, Long> ticks = new LinkedHashMap<>();
		for (AtriumInstance instance : stack.instances()) {
			String stat = Files.readString(Path.of("/proc/" + instance.pid() + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			ticks.put(instance.name(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
		}
		return ticks;
	}

	private static JsonNode tokens(Http http, String sandbox) {
		return Json.read(expect(http.get(sandbox + "/sandbox/tokens"), 200, "sandbox tokens").body());
	}

	private static long calls(JsonNode counters, String endpoint) {
		JsonNode found = counters.get("endpoints").get(endpoint);
		return (found != null) ? found.get("calls").asLong() : 0;
	}

	private static String errors(JsonNode counters, String endpoint) {
		JsonNode found = counters.get("endpoints").get(endpoint);
		return (found != null && found.get("errors") != null && !found.get("errors").isEmpty())
				? endpoint + " " + found.get("errors") : "";
	}

	private static int[] latencyRange(String latency) {
		String[] parts = latency.split("-");
		return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[parts.length - 1]) };
	}

	private static long seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000_000L;
	}

	private static Answer expect(Answer answer, int status, String what) {
		if (answer.status() != status) {
			throw new IllegalStateException(what + ": " + answer.status() + " " + answer.body());
		}
		return answer;
	}

}
