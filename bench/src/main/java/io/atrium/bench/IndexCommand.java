package io.atrium.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.atrium.bench.fleet.Fleet;
import io.atrium.bench.fleet.Provisioner;
import io.atrium.bench.load.Answer;
import io.atrium.bench.load.Http;
import io.atrium.bench.load.Json;
import io.atrium.bench.load.Recorder;
import io.atrium.bench.load.Upstream;
import io.atrium.bench.stack.AtriumInstance;
import io.atrium.bench.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The content index at a provider's scale (issue 14): accounts provisioned through the console, each seeded with
 * hundreds of posts in the sandbox, synced into the index by Atrium's own schedule, then the reads a provider's
 * operators and systems make, measured: the accounts list, searches by Chinese substrings, post lists.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
		description = "The content index with many accounts; exit 0 only if every read's p95 is under the goal.")
final class IndexCommand implements Callable<Integer> {

	private static final String[] APIS = { "freepublish-batchget", "freepublish-getarticle", "material-batchget" };

	@Option(names = "--repo", defaultValue = ".", description = "repository root (jars under */target)")
	Path repo;

	@Option(names = "--run-dir", defaultValue = "bench/target/index", description = "logs, data and report")
	Path runDir;

	@Option(names = "--tenants", defaultValue = "20")
	int tenants;

	@Option(names = "--accounts-per-tenant", defaultValue = "50")
	int accountsPerTenant;

	@Option(names = "--posts", defaultValue = "200", description = "published posts per account")
	int posts;

	@Option(names = "--sync-concurrency", defaultValue = "6", description = "accounts each instance syncs at once")
	int syncConcurrency;

	@Option(names = "--clients", defaultValue = "4", description = "concurrent readers per shape (operators at once)")
	int clients;

	@Option(names = "--requests", defaultValue = "2000", description = "requests per shape")
	int requests;

	@Option(names = "--goal-ms", defaultValue = "100", description = "p95 every read must stay under")
	double goalMillis;

	@Override
	public Integer call() throws Exception {
		Report report = new Report();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("atrium.content.index.concurrency", Integer.toString(this.syncConcurrency));
		settings.put("atrium.content.index.tick", "5s");
		Map<String, Integer> perMinute = new LinkedHashMap<>(Upstream.ATRIUM_PER_MINUTE);
		for (String api : APIS) {
			// The first sync of 200 posts makes 200 getarticle calls: the default 120 a minute would stretch the run.
			settings.put("atrium.upstream.apis." + api + ".per-minute", "600");
		}
		perMinute.replaceAll((path, limit) -> path.contains("get_materialcount") ? limit : 600);
		try (Stack stack = Stack.start(this.repo, this.runDir, "0-0", 7200, settings, null)) {
			List<String> bases = stack.instances().stream().map(AtriumInstance::baseUrl).toList();
			Upstream upstream = new Upstream(stack.sandbox().baseUrl(), perMinute);
			upstream.setQuotas(2);
			upstream.pushTicket();
			upstream.resetCounters();
			Instant provisioningStart = Instant.now();
			Map<String, Integer> content = Map.of("posts", this.posts, "images", 20, "voices", 5, "videos", 5, "news",
					10);
			Fleet fleet = new Provisioner(bases.get(0), stack.sandbox().baseUrl()).provision(this.tenants,
					this.accountsPerTenant, null, content);
			long provisioned = Duration.between(provisioningStart, Instant.now()).toSeconds();
			System.out.printf("Provisioned %d accounts in %d s; waiting for the index%n", fleet.accounts().size(),
					provisioned);
			Instant syncStart = Instant.now();
			Http http = Http.plain(Duration.ofSeconds(30));
			String[] platform = { "Authorization", "Bearer " + fleet.platformKey() };
			Set<String> waiting = new HashSet<>(fleet.accounts().stream().map(Fleet.Account::appId).toList());
			while (!waiting.isEmpty()) {
				Thread.sleep(5000);
				waiting.removeIf((appId) -> {
					JsonNode status = Json.read(http.get(bases.get(0) + "/api/v1/accounts/" + appId + "/sync", platform)
						.body());
					return status.has("synced_at") && status.path("posts").asInt() == this.posts;
				});
				System.out.printf("%d s: %d accounts still syncing%n",
						Duration.between(syncStart, Instant.now()).toSeconds(), waiting.size());
				if (Duration.between(syncStart, Instant.now()).toMinutes() > 60) {
					report.check("every account synced within an hour", false, waiting.size() + " not");
					break;
				}
			}
			long syncSeconds = Duration.between(syncStart, Instant.now()).toSeconds();
			JsonNode counters = upstream.counters();
			int accounts = fleet.accounts().size();

			// Titles to search for: two- and three-character pieces from the middle of real titles.
			List<String> titles = new ArrayList<>();
			for (Fleet.Account account : fleet.accounts().subList(0, Math.min(10, accounts))) {
				JsonNode page = Json.read(http.get(bases.get(0) + "/api/v1/accounts/" + account.appId()
						+ "/articles?count=20&withContent=false", platform).body());
				titles.addAll(page.path("item").findValuesAsString("title"));
			}
			Recorder recorder = new Recorder();
			Http admin = Http.browser(Duration.ofSeconds(30));
			admin.logIn(bases.get(0), Stack.ADMIN, Stack.ADMIN_PASSWORD);
			measure("console GET /accounts (" + accounts + " accounts)", recorder,
					(random) -> admin.get(bases.get(0) + "/accounts", "Accept", "text/html"));
			measure("API GET /accounts (platform key)", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/accounts", platform));
			measure("API GET /articles?q=<2 chars> (platform key, all accounts)", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/articles?q=" + piece(titles, 2, random), platform));
			measure("API GET /articles?q=<3 chars> (platform key, all accounts)", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/articles?q=" + piece(titles, 3, random), platform));
			measure("API GET /articles?q=<2 chars> (tenant key)", recorder, (random) -> {
				Fleet.TenantSetup tenant = pick(fleet.tenants(), random);
				return http.get(pick(bases, random) + "/api/v1/articles?q=" + piece(titles, 2, random),
						"Authorization", "Bearer " + tenant.apiKey());
			});
			measure("API GET /accounts/{appid}/articles?q=<2 chars>", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/accounts/" + pick(fleet.accounts(), random).appId()
							+ "/articles?q=" + piece(titles, 2, random), platform));
			measure("API GET /accounts/{appid}/articles?count=20&withContent=false&offset=<0..180>", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/accounts/" + pick(fleet.accounts(), random).appId()
							+ "/articles?count=20&withContent=false&offset=" + 20 * random.nextInt(10), platform));
			measure("API GET /accounts/{appid}/articles?count=10 (with content)", recorder,
					(random) -> http.get(pick(bases, random) + "/api/v1/accounts/" + pick(fleet.accounts(), random).appId()
							+ "/articles?count=10", platform));
			measure("console GET /accounts/{appid}/posts?offset=<0..190>", recorder,
					(random) -> admin.get(bases.get(0) + "/accounts/" + pick(fleet.accounts(), random).appId()
							+ "/posts?offset=" + 10 * random.nextInt(20), "Accept", "text/html"));
			measure("console GET /accounts/{appid}/posts?q=<2 chars>", recorder,
					(random) -> admin.get(bases.get(0) + "/accounts/" + pick(fleet.accounts(), random).appId()
							+ "/posts?q=" + piece(titles, 2, random), "Accept", "text/html"));

			report.line("# Content index " + syncStart + " (" + accounts + " accounts in " + fleet.tenants().size()
					+ " tenants, " + this.posts + " posts, 40 materials each; sandbox answering at once; two instances, "
					+ "index concurrency " + this.syncConcurrency + " each)");
			report.line("");
			report.line(String.format("Provisioning through the console: %d s. First sync of every account by the "
					+ "schedule: %d s (%.1f accounts/s).", provisioned, syncSeconds, accounts / (double) syncSeconds));
			report.line("");
			report.line("WeChat calls from the start of provisioning to the last account synced (the syncs, which run "
					+ "while accounts are provisioned, and the provisioner's own reads), by API: "
					+ Upstream.byEndpoint(counters));
			report.line("");
			report.line(String.format("Reads: %d clients, %d requests per shape, against both instances.", this.clients,
					this.requests));
			report.line("");
			report.routes(recorder.summaries());
			report.line("");
			recorder.summaries().forEach((route, summary) -> report.check(route + ": p95 under " + this.goalMillis
					+ " ms, every answer 200", summary.p95Millis() < this.goalMillis
							&& summary.count(200) == summary.count(),
					String.format("p95 %.1f ms, %s", summary.p95Millis(), summary.statuses())));
			report.line("");
			report.line(report.passed() ? "INDEX PASSED" : "INDEX FAILED: " + report.failures());
			report.write(this.runDir.resolve("report.md"));
		}
		return report.passed() ? 0 : 1;
	}

	/** {@code --requests} requests of one shape from {@code --clients} threads, after 50 not recorded (warm-up). */
	private void measure(String route, Recorder recorder, Function<ThreadLocalRandom, Answer> request)
			throws Exception {
		for (int i = 0; i < 50; i++) {
			request.apply(ThreadLocalRandom.current());
		}
		ExecutorService clients = Executors.newFixedThreadPool(this.clients);
		try {
			List<Future<?>> done = new ArrayList<>();
			int each = this.requests / this.clients;
			for (int c = 0; c < this.clients; c++) {
				done.add(clients.submit(() -> {
					for (int i = 0; i < each; i++) {
						Answer answer = request.apply(ThreadLocalRandom.current());
						recorder.record(route, answer.status(), answer.micros());
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		Recorder.Summary summary = recorder.summaries().get(route);
		System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, %s%n", route, summary.p50Millis(), summary.p95Millis(),
				summary.statuses());
	}

	private static String piece(List<String> titles, int length, ThreadLocalRandom random) {
		String title = pick(titles, random);
		int start = (title.length() > length) ? random.nextInt(title.length() - length + 1) : 0;
		return URLEncoder.encode(title.substring(start, Math.min(title.length(), start + length)),
				StandardCharsets.UTF_8);
	}

	private static <T> T pick(List<T> list, ThreadLocalRandom random) {
		return list.get(random.nextInt(list.size()));
	}

}
