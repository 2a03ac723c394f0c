package io.atrium.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.atrium.bench.fleet.Fleet;
import io.atrium.bench.fleet.Provisioner;
import io.atrium.bench.load.Answer;
import io.atrium.bench.load.Http;
import io.atrium.bench.load.Json;
import io.atrium.bench.load.Probe;
import io.atrium.bench.load.Recorder;
import io.atrium.bench.load.SandboxControl;
import io.atrium.bench.load.Upstream;
import io.atrium.bench.load.Workload;
import io.atrium.bench.stack.AtriumInstance;
import io.atrium.bench.stack.DataSnapshot;
import io.atrium.bench.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The fault catalogue, each under load on the same running stack, one after the other: what was answered
 * meanwhile, requests past their deadline, data lost, and the time until fully healthy again.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
		description = "Faults under load on two Atrium instances; exit 0 only if every fault passes.")
final class FaultsCommand implements Callable<Integer> {

	static final List<String> ALL = List.of("latency-2s", "wechat-busy-storm", "wechat-5xx-storm", "token-40001",
			"quota-45009", "refresh-61023", "redis-restart", "redis-flush", "postgres-restart", "kill-lock-holder",
			"clock-jump");

	@Option(names = "--repo", defaultValue = ".")
	Path repo;

	@Option(names = "--run-dir", defaultValue = "bench/target/faults")
	Path runDir;

	@Option(names = "--clients", defaultValue = "40", description = "concurrent clients of the background load")
	int clients;

	@Option(names = "--think-ms", defaultValue = "500")
	long thinkMillis;

	@Option(names = "--hold-seconds", defaultValue = "20", description = "how long a lasting fault lasts")
	int holdSeconds;

	@Option(names = "--only", split = ",", description = "run only these faults (default: all)")
	List<String> only;

	private final Report report = new Report();

	private final List<String[]> rows = new ArrayList<>();

	private Stack stack;

	private Fleet fleet;

	private Workload workload;

	private Recorder recorder;

	private SandboxControl sandbox;

	private Probe probe;

	private List<String> bases;

	@Override
	public Integer call() throws Exception {
		Files.createDirectories(this.runDir);
		Path clock = this.runDir.toAbsolutePath().resolve("clock-offset");
		// 200 callers of one account at once (the kill): that account's single-article limit must let them all in.
		Map<String, Integer> limits = new java.util.HashMap<>(Upstream.ATRIUM_PER_MINUTE);
		limits.put("/cgi-bin/freepublish/getarticle", 600);
		try (Stack started = Stack.start(this.repo, this.runDir, "20-60", 1500,
				Map.of("atrium.upstream.apis.freepublish-getarticle.per-minute", "600"), clock)) {
			this.stack = started;
			this.bases = started.instances().stream().map(AtriumInstance::baseUrl).toList();
			Upstream upstream = new Upstream(started.sandbox().baseUrl(), limits);
			// Three times: the Redis restart and flush lose the limiter's buckets (docs/reliability.md).
			upstream.setQuotas(3);
			upstream.pushTicket();
			this.fleet = new Provisioner(this.bases.get(0), started.sandbox().baseUrl()).provision(2, 5);
			this.sandbox = new SandboxControl(started.sandbox().baseUrl());
			this.probe = new Probe(this.fleet);
			this.recorder = new Recorder();
			this.workload = new Workload(this.fleet.withoutLastAccounts(), this.bases, this.recorder, Duration.ofSeconds(10));
			this.workload.logIn();
			this.workload.run(10, Duration.ofSeconds(20), Duration.ofMillis(this.thinkMillis));
			List<String> faults = (this.only != null) ? this.only : ALL;
			for (String fault : faults) {
				run(fault, clock);
			}
		}
		this.report.line("");
		this.report.line("| fault | answered meanwhile (status: count) | past deadline | unanswered | rule breaches | data lost | healthy again after | verdict |");
		this.report.line("|---|---|---:|---:|---:|---|---|---|");
		this.rows.forEach((row) -> this.report.line("| " + String.join(" | ", row) + " |"));
		this.report.line("");
		this.report.line(this.report.passed() ? "FAULTS PASSED" : "FAULTS FAILED: " + this.report.failures());
		this.report.write(this.runDir.resolve("report.md"));
		return this.report.passed() ? 0 : 1;
	}

	private void run(String fault, Path clock) throws Exception {
		this.report.line("");
		this.report.line("## " + fault);
		this.sandbox.clearFaults();
		this.recorder.reset();
		DataSnapshot before = DataSnapshot.take(this.stack.postgres());
		this.workload.tolerate(Set.of());
		this.workload.start(this.clients, Duration.ofMillis(this.thinkMillis));
		Thread.sleep(5000);
		List<String> skipped = new ArrayList<>();
		Set<Integer> toleratedUnanswered = Set.of();
		List<String> checks = new ArrayList<>();
		switch (fault) {
			case "latency-2s" -> {
				this.sandbox.latency(2000, 2000);
				hold();
				this.sandbox.latency(20, 60);
			}
			case "wechat-busy-storm" -> {
				this.workload.tolerate(Set.of(503));
				contentFaults(Map.of("errcode", -1));
				hold();
				this.sandbox.clearFaults();
			}
			case "wechat-5xx-storm" -> {
				this.workload.tolerate(Set.of(502));
				contentFaults(Map.of("httpStatus", 502));
				hold();
				this.sandbox.clearFaults();
			}
			case "token-40001" -> {
				for (int round = 0; round < 3; round++) {
					this.fleet.accounts().forEach((account) -> this.sandbox.invalidateTokens(account.appId()));
					Thread.sleep(this.holdSeconds * 1000L / 3);
				}
			}
			case "quota-45009" -> quota45009(checks);
			case "refresh-61023" -> refresh61023(checks);
			case "redis-restart" -> {
				this.workload.tolerate(Set.of(503));
				this.stack.redis().restart();
				hold();
			}
			case "redis-flush" -> {
				// Sessions live in Redis only: a flush logs every console user out (302 to the login page).
				this.workload.tolerate(Set.of(302, 503));
				this.stack.redis().flushAll();
				hold();
				this.workload.logIn();
			}
			case "postgres-restart" -> {
				this.workload.tolerate(Set.of(503));
				this.stack.postgres().restart();
				hold();
			}
			case "kill-lock-holder" -> {
				// The killed instance's own requests in flight die with it.
				toleratedUnanswered = Set.of(Recorder.NO_ANSWER);
				this.workload.tolerate(Set.of(Recorder.NO_ANSWER));
				killLockHolder(checks);
			}
			case "clock-jump" -> {
				// Spring Session judges a session's age by the instance's wall clock: an hour ahead, every console
				// session (30 minutes idle at most) looks expired and is deleted. People log in again.
				// At the jump itself, Tomcat closes keep-alive connections it now thinks idle for an hour (a request
				// sent on one gets no answer), and WeChat calls in flight time out (502): both counted, not hidden.
				toleratedUnanswered = Set.of(Recorder.NO_ANSWER);
				this.workload.tolerate(Set.of(302, 502, Recorder.NO_ANSWER));
				Files.writeString(clock, "+1h\n");
				hold();
				Files.writeString(clock, "+59m\n");
				hold();
				this.workload.logIn();
			}
			default -> throw new IllegalArgumentException("Unknown fault " + fault + "; known: " + ALL);
		}
		Duration healthy = this.probe.awaitHealthy(this.bases, skipped, Duration.ofSeconds(120));
		Thread.sleep(3000);
		this.workload.stop();
		this.workload.tolerate(Set.of());
		this.sandbox.clearFaults();
		DataSnapshot after = DataSnapshot.take(this.stack.postgres());
		List<String> lost = after.lostSince(before);
		Map<Integer, Long> statuses = this.recorder.statuses();
		long deadline = statuses.getOrDefault(Recorder.DEADLINE, 0L);
		long unanswered = statuses.getOrDefault(Recorder.NO_ANSWER, 0L);
		long serverErrors500 = statuses.getOrDefault(500, 0L);
		this.report.line("Answers: " + statuses + " of " + this.recorder.total() + "; data " + after.counts());
		this.report.routes(this.recorder.summaries());
		checks.forEach(this.report::line);
		boolean passed = deadline == 0 && (unanswered == 0 || toleratedUnanswered.contains(Recorder.NO_ANSWER))
				&& this.recorder.violationCount() == 0 && serverErrors500 == 0 && lost.isEmpty() && healthy != null
				&& checks.stream().noneMatch((check) -> check.startsWith("- FAIL"));
		this.report.check(fault, passed, "deadline " + deadline + ", unanswered " + unanswered + ", 500s " + serverErrors500
				+ ", violations " + this.recorder.violationCount() + " " + this.recorder.violations() + ", lost " + lost
				+ ", healthy after " + healthy);
		this.rows.add(new String[] { fault, statuses.toString(), String.valueOf(deadline), String.valueOf(unanswered),
				String.valueOf(this.recorder.violationCount()), lost.isEmpty() ? "none" : lost.toString(),
				(healthy != null) ? String.format("%.1f s", healthy.toMillis() / 1000.0) : "not within 120 s",
				passed ? "PASS" : "FAIL" });
	}

	private void hold() throws InterruptedException {
		Thread.sleep(this.holdSeconds * 1000L);
	}

	private void contentFaults(Map<String, Object> what) {
		for (String endpoint : Upstream.ATRIUM_PER_MINUTE.keySet()) {
			Map<String, Object> fault = new java.util.HashMap<>(what);
			fault.put("endpoint", endpoint);
			this.sandbox.fault(fault);
		}
	}

	/**
	 * WeChat's daily quota of one account's list API runs out: that account's list answers 429 (until midnight in
	 * Shanghai, by design) and no further call reaches WeChat; every other account and API goes on.
	 */
	private void quota45009(List<String> checks) throws InterruptedException {
		// A quiet account, asked for its list twice a second on both instances while WeChat answers 45009 (its
		// list stays closed until midnight, which later faults' clients must not run into).
		Fleet.Account account = this.fleet.lastAccounts().get(0);
		Upstream upstream = new Upstream(this.stack.sandbox().baseUrl());
		long callsBefore = listCalls(upstream, account).get("calls").asLong();
		this.sandbox.fault(Map.of("endpoint", "/cgi-bin/freepublish/batchget", "appid", account.appId(), "errcode", 45009));
		Http http = Http.plain(Duration.ofSeconds(10));
		Map<Integer, Long> answers = new java.util.TreeMap<>();
		long end = System.nanoTime() + Duration.ofSeconds(this.holdSeconds).toNanos();
		for (int i = 0; System.nanoTime() < end; i++) {
			Answer answer = http.get(this.bases.get(i % 2) + "/api/v1/accounts/" + account.appId() + "/articles?count=1&source=live",
					"Authorization", "Bearer " + this.fleet.platformKey());
			answers.merge(answer.status(), 1L, Long::sum);
			Thread.sleep(500);
		}
		this.sandbox.clearFaults();
		Answer stillClosed = http.get(this.bases.get(1) + "/api/v1/accounts/" + account.appId() + "/articles?count=1&source=live",
				"Authorization", "Bearer " + this.fleet.platformKey());
		JsonNode calls = listCalls(upstream, account);
		long reached = calls.get("calls").asLong() - callsBefore;
		boolean passed = answers.keySet().equals(Set.of(429)) && stillClosed.status() == 429 && reached == 1;
		checks.add((passed ? "- PASS" : "- FAIL") + " 45009: the account's list answered " + answers
				+ " during the fault and " + stillClosed.status() + " after it (closed until midnight Shanghai); "
				+ "its list calls that reached WeChat: " + reached + " " + calls.get("errors"));
	}

	private static JsonNode listCalls(Upstream upstream, Fleet.Account account) {
		JsonNode calls = upstream.counters().get("accounts").get(account.appId()).get("/cgi-bin/freepublish/batchget");
		return (calls != null) ? calls : Json.read("{\"calls\":0,\"errors\":{}}");
	}

	/**
	 * WeChat refuses the refresh token once (61023) when an account's token is refreshed: Atrium recovers the
	 * current refresh token (api_get_authorizer_info) and the account's callers get their answer.
	 */
	private void refresh61023(List<String> checks) throws InterruptedException {
		Fleet.Account account = this.fleet.lastAccounts().get(0);
		this.sandbox.fault(Map.of("endpoint", "/cgi-bin/component/api_authorizer_token", "appid", account.appId(),
				"errcode", 61023, "times", 1));
		this.sandbox.invalidateTokens(account.appId());
		Http http = Http.plain(Duration.ofSeconds(10));
		Answer answer = http.get(this.bases.get(1) + "/api/v1/accounts/" + account.appId() + "/articles/"
				+ account.articleIds().get(0) + "?source=live", "Authorization", "Bearer " + this.fleet.platformKey());
		checks.add(((answer.status() == 200) ? "- PASS" : "- FAIL") + " 61023 on refresh: the account's caller got "
				+ answer.status() + " " + abbreviate(answer.body()));
		hold();
	}

	/**
	 * Instance A holds an account's refresh lock (its refresh call is slowed to 3 s) and is killed with kill -9;
	 * 200 callers on instance B wait for that account's token. None may get a 503: the lease (1 s, renewed by a
	 * live holder) lapses and B refreshes.
	 */
	private void killLockHolder(List<String> checks) throws Exception {
		AtriumInstance a = this.stack.instances().get(0);
		AtriumInstance b = this.stack.instances().get(1);
		Fleet.Account account = this.fleet.lastAccounts().get(1);
		String path = "/api/v1/accounts/" + account.appId() + "/articles/" + account.articleIds().get(0) + "?source=live";
		String[] auth = { "Authorization", "Bearer " + this.fleet.platformKey() };
		this.sandbox.fault(Map.of("endpoint", "/cgi-bin/component/api_authorizer_token", "appid", account.appId(),
				"delayMillis", 3000, "times", 1));
		this.sandbox.invalidateTokens(account.appId());
		Http http = Http.plain(Duration.ofSeconds(10));
		Thread holder = new Thread(() -> http.get(a.baseUrl() + path, auth));
		holder.start();
		Thread.sleep(700);
		int callers = 200;
		CountDownLatch go = new CountDownLatch(1);
		List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
		AtomicLong firstSuccess = new AtomicLong(Long.MAX_VALUE);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Thread caller = new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				Answer answer = http.get(b.baseUrl() + path, auth);
				answers.add(answer);
				if (answer.status() == 200) {
					firstSuccess.accumulateAndGet(System.nanoTime(), Math::min);
				}
			});
			caller.start();
			threads.add(caller);
		}
		go.countDown();
		Thread.sleep(300);
		this.workload.useInstances(List.of(b.baseUrl()));
		long killedAt = System.nanoTime();
		a.kill9();
		for (Thread thread : threads) {
			thread.join();
		}
		holder.join();
		Map<Integer, Long> statuses = new java.util.TreeMap<>();
		long slowest = 0;
		for (Answer answer : answers) {
			statuses.merge(answer.status(), 1L, Long::sum);
			slowest = Math.max(slowest, answer.micros());
		}
		double afterKill = (firstSuccess.get() == Long.MAX_VALUE) ? -1 : (firstSuccess.get() - killedAt) / 1e9;
		long refreshCalls = new Upstream(this.stack.sandbox().baseUrl()).counters()
			.get("accounts").get(account.appId()).get("/cgi-bin/component/api_authorizer_token").get("calls").asLong();
		checks.add(((statuses.getOrDefault(200, 0L) == callers) ? "- PASS" : "- FAIL") + " " + callers
				+ " callers on the other instance: " + statuses + ", first answer " + String.format("%.2f", afterKill)
				+ " s after the kill, slowest " + slowest / 1000 + " ms; refresh calls for the account at WeChat: "
				+ refreshCalls);
		a.restart();
		a.awaitReady(180);
		// Sessions live in Redis: every browser is still logged in on the restarted instance.
		this.workload.useInstances(this.bases);
	}

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) + "…" : body;
	}

}
