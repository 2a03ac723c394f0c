package io.atrium.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.atrium.bench.fleet.Fleet;
import io.atrium.bench.fleet.Provisioner;
import io.atrium.bench.load.Answer;
import io.atrium.bench.load.Http;
import io.atrium.bench.load.Json;
import io.atrium.bench.load.Pushes;
import io.atrium.bench.load.Recorder;
import io.atrium.bench.load.Sampler;
import io.atrium.bench.load.Upstream;
import io.atrium.bench.load.WebhookReceiver;
import io.atrium.bench.load.Workload;
import io.atrium.bench.stack.AtriumInstance;
import io.atrium.bench.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The soak: sustained load from many clients on two instances, with WeChat's pushes, judged on every answer and
 * on what is left afterwards.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
		description = "Sustained load on two Atrium instances; exit 0 only if every check passes.")
final class SoakCommand implements Callable<Integer> {

	@Option(names = "--repo", defaultValue = ".", description = "repository root (jars under */target)")
	Path repo;

	@Option(names = "--run-dir", defaultValue = "bench/target/soak", description = "logs, data and report")
	Path runDir;

	@Option(names = "--clients", defaultValue = "200", description = "concurrent clients")
	int clients;

	@Option(names = "--duration", defaultValue = "PT10M", description = "ISO-8601 duration of the load")
	Duration duration;

	@Option(names = "--think-ms", defaultValue = "1000", description = "mean pause of a client between requests")
	long thinkMillis;

	@Option(names = "--tenants", defaultValue = "5")
	int tenants;

	@Option(names = "--accounts-per-tenant", defaultValue = "6")
	int accountsPerTenant;

	@Option(names = "--latency", defaultValue = "20-60", description = "sandbox latency per WeChat call, ms")
	String latency;

	@Option(names = "--token-lifetime-seconds", defaultValue = "1500",
			description = "WeChat's token lifetime in the sandbox: short, so that tokens are refreshed during the run")
	int tokenLifetimeSeconds;

	@Option(names = "--quiet-seconds", defaultValue = "75",
			description = "wait after the load before the after-readings (Tomcat lets idle threads go after 60 s)")
	int quietSeconds;

	@Override
	public Integer call() throws Exception {
		Report report = new Report();
		Duration deadline = Duration.ofSeconds(10);
		try (Stack stack = Stack.start(this.repo, this.runDir, this.latency, this.tokenLifetimeSeconds, Map.of(), null)) {
			List<String> bases = stack.instances().stream().map(AtriumInstance::baseUrl).toList();
			Upstream upstream = new Upstream(stack.sandbox().baseUrl());
			upstream.setQuotas(2);
			upstream.pushTicket();
			Instant provisioningStart = Instant.now();
			WebhookReceiver receiver = new WebhookReceiver();
			Fleet fleet = new Provisioner(bases.get(0), stack.sandbox().baseUrl()).provision(this.tenants,
					this.accountsPerTenant, receiver);
			System.out.printf("Provisioned %d tenants, %d accounts in %d s%n", fleet.tenants().size(),
					fleet.accounts().size(), Duration.between(provisioningStart, Instant.now()).toSeconds());
			Recorder recorder = new Recorder();
			Workload workload = new Workload(fleet, bases, recorder, deadline);
			workload.logIn();
			Map<String, String> management = new LinkedHashMap<>();
			stack.instances().forEach((instance) -> management.put(instance.baseUrl(), instance.managementUrl()));
			try (Sampler sampler = new Sampler(management)) {
				// Warm-up (JIT, pools), not judged.
				workload.run(Math.min(20, this.clients), Duration.ofSeconds(30), Duration.ofMillis(this.thinkMillis));
				recorder.reset();
				upstream.resetCounters();
				Thread.sleep(5000);
				Map<String, Map<String, Double>> before = sampler.now();
				Instant start = Instant.now();
				sampler.start();
				long messages;
				try (Pushes pushes = new Pushes(stack.sandbox().baseUrl(), fleet, recorder)) {
					pushes.start(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMillis(500));
					workload.run(this.clients, this.duration, Duration.ofMillis(this.thinkMillis));
					pushes.close();
					messages = pushes.messagesAcknowledged();
				}
				double minutes = Duration.between(start, Instant.now()).toMillis() / 60000.0;
				Map<String, Map<String, Double>> highWater = sampler.highWater();
				sampler.close();
				JsonNode counters = upstream.counters();
				System.out.println("Load done; quiet for " + this.quietSeconds + " s before the after-readings");
				long quietEnd = System.nanoTime() + this.quietSeconds * 1_000_000_000L;
				long drained = -1;
				while (System.nanoTime() < quietEnd) {
					if (drained < 0 && receiver.delivered() >= messages) {
						drained = this.quietSeconds - (quietEnd - System.nanoTime()) / 1_000_000_000L;
					}
					Thread.sleep(250);
				}
				Map<String, Map<String, Double>> after = sampler.now();

				report.line("# Soak " + start + " (" + String.format("%.1f", minutes) + " min, " + this.clients
						+ " clients, think " + this.thinkMillis + " ms, sandbox latency " + this.latency + " ms, "
						+ fleet.accounts().size() + " accounts in " + fleet.tenants().size() + " tenants)");
				report.line("");
				long total = recorder.total();
				report.line(String.format("Requests: %d (%.0f/s); by status: %s", total, total / (minutes * 60),
						recorder.statuses()));
				report.line("");
				report.routes(recorder.summaries());
				report.line("");
				report.line("Pool and threads per instance: before / high-water during / after");
				report.line("");
				report.line("| instance | metric | before | high-water | after |");
				report.line("|---|---|---:|---:|---:|");
				for (String base : bases) {
					for (String metric : Sampler.METRICS) {
						report.line(String.format("| %s | %s | %s | %s | %s |", base, metric, before.get(base).get(metric),
								highWater.getOrDefault(base, Map.of()).get(metric), after.get(base).get(metric)));
					}
				}
				report.line("");
				report.line("WeChat calls (sandbox counters), by API: " + Upstream.byEndpoint(counters));
				report.line("");
				report.line("Busiest account per API (calls in the run): " + Upstream.busiestAccount(counters));
				report.line("");
				report.line("Checks:");
				Map<Integer, Long> statuses = recorder.statuses();
				long serverErrors = statuses.entrySet().stream().filter((e) -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
				report.check("no 5xx answer", serverErrors == 0, serverErrors + " answers with 5xx");
				report.check("no request past its deadline (" + deadline.toSeconds() + " s) or unanswered",
						statuses.getOrDefault(Recorder.DEADLINE, 0L) + statuses.getOrDefault(Recorder.NO_ANSWER, 0L) == 0,
						statuses.getOrDefault(Recorder.DEADLINE, 0L) + " past deadline, "
								+ statuses.getOrDefault(Recorder.NO_ANSWER, 0L) + " unanswered");
				report.check("every answer as the case calls for; every 429 Atrium's own limit", recorder.violationCount() == 0,
						recorder.violationCount() + " violations " + recorder.violations());
				for (String base : bases) {
					Map<String, Double> was = before.get(base);
					Map<String, Double> is = after.get(base);
					report.check(base + " connections back to baseline",
							is.get("hikaricp.connections.active") <= was.get("hikaricp.connections.active")
									&& is.get("hikaricp.connections.pending") == 0,
							"active " + is.get("hikaricp.connections.active") + ", pending "
									+ is.get("hikaricp.connections.pending"));
					report.check(base + " request threads back to baseline",
							is.get("tomcat.threads.busy") <= Math.max(1, was.get("tomcat.threads.busy"))
									&& is.get("jvm.threads.live") <= was.get("jvm.threads.live") + 10,
							"busy " + is.get("tomcat.threads.busy") + " (before " + was.get("tomcat.threads.busy")
									+ "), live " + is.get("jvm.threads.live") + " (before " + was.get("jvm.threads.live") + ")");
				}
				report.check("every message and event delivered to the provider's webhook, signed",
						receiver.delivered() == messages && receiver.badSignatures() == 0,
						messages + " acknowledged to WeChat, " + receiver.delivered() + " delivered (distinct ids), "
								+ receiver.duplicates() + " delivered twice, " + receiver.badSignatures()
								+ " with a bad signature; all delivered " + ((drained >= 0) ? drained + " s" : "not")
								+ " after the load");
				receiver.close();
				List<String> breaches = Upstream.breaches(counters, minutes);
				report.check("no upstream call beyond a configured limit, no token WeChat refused", breaches.isEmpty(),
						breaches.toString());
				tokensValid(report, bases.get(0), fleet);
			}
			report.line("");
			report.line(report.passed() ? "SOAK PASSED" : "SOAK FAILED: " + report.failures());
			report.write(this.runDir.resolve("report.md"));
			System.out.println("Logs: " + stack.runDir());
		}
		return report.passed() ? 0 : 1;
	}

	/** Every account still authorized, and a call for each answered with the token Atrium holds. */
	static void tokensValid(Report report, String base, Fleet fleet) {
		Http http = Http.plain(Duration.ofSeconds(30));
		String[] auth = { "Authorization", "Bearer " + fleet.platformKey() };
		Answer accounts = http.get(base + "/api/v1/accounts", auth);
		long authorized = 0;
		if (accounts.status() == 200) {
			for (JsonNode account : Json.read(accounts.body())) {
				if ("AUTHORIZED".equals(account.get("status").asString())) {
					authorized++;
				}
			}
		}
		int answered = 0;
		StringBuilder refused = new StringBuilder();
		for (Fleet.Account account : fleet.accounts()) {
			Answer count = http.get(base + "/api/v1/accounts/" + account.appId() + "/materials/count", auth);
			if (count.status() == 200) {
				answered++;
			}
			else {
				refused.append(account.appId()).append(' ').append(count.status()).append("; ");
			}
		}
		report.check("every account's tokens valid", authorized == fleet.accounts().size() && answered == fleet.accounts().size(),
				authorized + "/" + fleet.accounts().size() + " AUTHORIZED, " + answered + "/" + fleet.accounts().size()
						+ " answered a call " + refused);
	}

}
