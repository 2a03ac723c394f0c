package io.atrium.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.atrium.bench.fleet.Fleet;
import io.atrium.bench.fleet.Fleet.Account;
import io.atrium.bench.fleet.Fleet.TenantSetup;
import tools.jackson.databind.JsonNode;

/**
 * What {@code clients} concurrent users do, each on its own thread with a think time between requests, against
 * the instances in turn: API clients with both kinds of keys on every endpoint (walking cursors, and sometimes
 * asking for what they may not have), operators and merchants on every console page of their role (paged and
 * searched), and images through the proxy. Each answer is recorded and judged: a 5xx, an answer past the deadline
 * or without an answer, a 429 that is not Atrium's own limit, or another status than the case calls for is a
 * violation.
 */
public final class Workload {

	private final Fleet fleet;

	private volatile List<String> instances;

	/** Statuses a fault makes deliberate (e.g. 503 while PostgreSQL is down); none in a soak. */
	private volatile Set<Integer> tolerated = Set.of();

	private final List<Thread> threads = new ArrayList<>();

	private final Recorder recorder;

	private final Http api;

	private final List<Persona> personas = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean();

	public Workload(Fleet fleet, List<String> instances, Recorder recorder, Duration deadline) {
		this.fleet = fleet;
		this.instances = List.copyOf(instances);
		this.recorder = recorder;
		this.api = Http.plain(deadline);
		// Several browsers per role, each logged in once and used by many clients (tabs), on both instances: the
		// session lives in Redis.
		for (int i = 0; i < 3; i++) {
			this.personas.add(Persona.admin(Http.browser(deadline)));
			this.personas.add(Persona.viewer(Http.browser(deadline), fleet.viewer()));
		}
		for (TenantSetup tenant : fleet.tenants()) {
			this.personas.add(Persona.merchant(Http.browser(deadline), tenant));
		}
	}

	/** Logs every persona in (on the first instance; the session then works on every instance). */
	public void logIn() {
		for (Persona persona : this.personas) {
			Answer answer = persona.http().logIn(this.instances.get(0), persona.username(), persona.password());
			String location = answer.header("Location");
			if (answer.status() != 302 || location == null || location.contains("login")) {
				throw new IllegalStateException("Login of " + persona.username() + ": " + answer.status() + " "
						+ answer.header("Location"));
			}
		}
	}

	/** Runs the clients until {@code duration} has passed; returns when every client has stopped. */
	public void run(int clients, Duration duration, Duration thinkTime) throws InterruptedException {
		start(clients, thinkTime);
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			TimeUnit.MILLISECONDS.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
		}
		stop();
	}

	/** Starts the clients; they run until {@link #stop()}. */
	public synchronized void start(int clients, Duration thinkTime) {
		this.running.set(true);
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> client(thinkTime), "client-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/** Stops the clients; returns when each has finished its request. */
	public synchronized void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join();
		}
		this.threads.clear();
	}

	/** The instances clients use from now on (a load balancer takes a dead one out). */
	public void useInstances(List<String> instances) {
		this.instances = List.copyOf(instances);
	}

	/** Statuses that are not violations from now on (what a fault makes the right answer). */
	public void tolerate(Set<Integer> statuses) {
		this.tolerated = Set.copyOf(statuses);
	}

	private void client(Duration thinkTime) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (this.running.get()) {
			List<String> instances = this.instances;
			String base = instances.get(random.nextInt(instances.size()));
			int pick = random.nextInt(100);
			if (pick < 55) {
				apiCall(base, random);
			}
			else if (pick < 92) {
				consolePage(base, this.personas.get(random.nextInt(this.personas.size())), random);
			}
			else {
				image(base, random);
			}
			long think = thinkTime.toMillis();
			if (think > 0) {
				try {
					Thread.sleep(think / 2 + random.nextLong(think));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	// --- the REST API, both kinds of keys

	private void apiCall(String base, ThreadLocalRandom random) {
		boolean platform = random.nextBoolean();
		TenantSetup tenant = pick(this.fleet.tenants(), random);
		String key = platform ? this.fleet.platformKey() : tenant.apiKey();
		String kind = platform ? "platform key" : "tenant key";
		Account account = pick(tenant.accounts(), random);
		String accountPath = base + "/api/v1/accounts/" + account.appId();
		// Half of the content reads ask WeChat (the pass-through), half the content index (the default).
		boolean live = random.nextBoolean();
		String source = live ? "source=live" : "source=index";
		kind = kind + ", " + (live ? "live" : "index");
		int pick = random.nextInt(100);
		if (pick < 8) {
			judgeApi("API GET /accounts (" + kind + ")", this.api.get(base + "/api/v1/accounts", auth(key)), 200);
		}
		else if (pick < 38) {
			int count = 1 + random.nextInt(20);
			Answer page = this.api.get(accountPath + "/articles?count=" + count + "&withContent=" + random.nextBoolean()
					+ "&" + source, auth(key));
			if (judgeApi("API GET /articles (" + kind + ")", page, 200)) {
				JsonNode cursor = Json.read(page.body()).get("next_cursor");
				if (cursor != null && random.nextBoolean()) {
					judgeApi("API GET /articles?cursor (" + kind + ")",
							this.api.get(accountPath + "/articles?cursor=" + cursor.asString() + "&" + source, auth(key)),
							200);
				}
			}
		}
		else if (pick < 60) {
			String articleId = pick(account.articleIds(), random);
			judgeApi("API GET /articles/{id} (" + kind + ")",
					this.api.get(accountPath + "/articles/" + articleId + "?" + source, auth(key)), 200);
		}
		else if (pick < 80) {
			String type = pick(List.of("image", "voice", "video", "news"), random);
			judgeApi("API GET /materials (" + kind + ")",
					this.api.get(accountPath + "/materials?type=" + type + "&count=" + (1 + random.nextInt(20)) + "&" + source,
							auth(key)),
					200);
		}
		else if (pick < 92) {
			judgeApi("API GET /materials/count (" + kind + ")",
					this.api.get(accountPath + "/materials/count?" + source, auth(key)), 200);
		}
		else if (pick < 96) {
			// Refused before WeChat: a count of 21.
			judgeApi("API GET /articles?count=21 (refused)", this.api.get(accountPath + "/articles?count=21", auth(key)),
					400);
		}
		else {
			// Another tenant's account with a tenant key: as unknown as an appid that does not exist.
			TenantSetup other = this.fleet.tenants().get((this.fleet.tenants().indexOf(tenant) + 1) % this.fleet.tenants().size());
			if (other != tenant) {
				judgeApi("API another tenant's account (tenant key)",
						this.api.get(base + "/api/v1/accounts/" + pick(other.accounts(), random).appId() + "/materials/count",
								auth(tenant.apiKey())),
						404);
			}
		}
	}

	/** True when the answer is the expected one (a deliberate 429 is recorded and is not). */
	private boolean judgeApi(String route, Answer answer, int expected) {
		this.recorder.record(route, answer.status(), answer.micros());
		if (answer.status() == expected) {
			return true;
		}
		if (this.tolerated.contains(answer.status())) {
			return false;
		}
		if (answer.status() == 429) {
			// Atrium's own per-account limit carries no errcode; WeChat's 45009/45011 do, and must never be reached.
			try {
				JsonNode problem = Json.read(answer.body());
				if (problem.get("errcode") != null || answer.header("Retry-After") == null) {
					this.recorder.violation(route, 429, answer.body());
				}
			}
			catch (RuntimeException ex) {
				this.recorder.violation(route, 429, "not problem+json: " + abbreviate(answer.body()));
			}
			return false;
		}
		this.recorder.violation(route, answer.status(), abbreviate(answer.body()));
		return false;
	}

	private static String[] auth(String key) {
		return new String[] { "Authorization", "Bearer " + key, "Accept", "application/json" };
	}

	// --- the console, every page of each role, paged and searched

	private void consolePage(String base, Persona persona, ThreadLocalRandom random) {
		TenantSetup tenant = (persona.tenant() != null) ? persona.tenant() : pick(this.fleet.tenants(), random);
		Account account = pick(tenant.accounts(), random);
		String accountPath = "/accounts/" + account.appId();
		List<Page> pages = new ArrayList<>();
		pages.add(new Page("/accounts", "/accounts", 200));
		pages.add(new Page("/accounts/{appid}", accountPath, 200));
		pages.add(new Page("/accounts/{appid}/posts?offset", accountPath + "/posts?offset=" + 10 * random.nextInt(3), 200));
		pages.add(new Page("/accounts/{appid}/posts/{id}", accountPath + "/posts/" + pick(account.articleIds(), random), 200));
		pages.add(new Page("/accounts/{appid}/materials?type&offset", accountPath + "/materials?type="
				+ pick(List.of("image", "voice", "video", "news"), random) + "&offset=" + 10 * random.nextInt(2), 200));
		pages.add(new Page("/me/password", "/me/password", 200));
		int operatorOnly = persona.operator() ? 200 : 403;
		pages.add(new Page("/dashboard", "/dashboard", operatorOnly));
		pages.add(new Page("/tenants?q&page", "/tenants?q=" + (random.nextBoolean() ? "soak" : "%E5%8E%8B%E6%B5%8B")
				+ "&page=" + (1 + random.nextInt(2)), operatorOnly));
		pages.add(new Page("/tenants/{id}", "/tenants/" + tenant.id(), operatorOnly));
		pages.add(new Page("/operations", "/operations", operatorOnly));
		int adminOnly = persona.admin() ? 200 : 403;
		pages.add(new Page("/users", "/users", adminOnly));
		pages.add(new Page("/api-keys", "/api-keys", adminOnly));
		pages.add(new Page("/tenants/new", "/tenants/new", adminOnly));
		pages.add(new Page("/tenants/{id}/edit", "/tenants/" + tenant.id() + "/edit", adminOnly));
		Page page = pick(pages, random);
		String route = "console " + persona.role() + " " + page.route();
		Answer answer = persona.http().get(base + page.path(), "Accept", "text/html");
		this.recorder.record(route, answer.status(), answer.micros());
		if (answer.status() != page.expected() && !this.tolerated.contains(answer.status())) {
			this.recorder.violation(route, answer.status(), page.path() + " " + answer.header("Location"));
		}
	}

	private record Page(String route, String path, int expected) {
	}

	// --- the image proxy

	private void image(String base, ThreadLocalRandom random) {
		Persona persona = this.personas.get(random.nextInt(this.personas.size()));
		TenantSetup tenant = (persona.tenant() != null) ? persona.tenant() : pick(this.fleet.tenants(), random);
		Account account = pick(tenant.accounts(), random);
		if (account.imagePaths().isEmpty()) {
			return;
		}
		String route = "image proxy /img";
		Answer answer = persona.http().get(base + pick(account.imagePaths(), random), "Accept", "image/*");
		this.recorder.record(route, answer.status(), answer.micros());
		if (answer.status() != 200 && !this.tolerated.contains(answer.status())) {
			this.recorder.violation(route, answer.status(), abbreviate(answer.body()));
		}
	}

	static <T> T pick(List<T> list, ThreadLocalRandom random) {
		return list.get(random.nextInt(list.size()));
	}

	static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "…" : body;
	}

	/** A person with a browser: an administrator, a viewer or a tenant's merchant. */
	private record Persona(String role, Http http, String username, String password, TenantSetup tenant) {

		static Persona admin(Http http) {
			return new Persona("admin", http, io.atrium.bench.stack.Stack.ADMIN, io.atrium.bench.stack.Stack.ADMIN_PASSWORD,
					null);
		}

		static Persona viewer(Http http, Fleet.Login login) {
			return new Persona("viewer", http, login.username(), login.password(), null);
		}

		static Persona merchant(Http http, TenantSetup tenant) {
			return new Persona("merchant", http, tenant.merchant().username(), tenant.merchant().password(), tenant);
		}

		boolean operator() {
			return this.tenant == null;
		}

		boolean admin() {
			return "admin".equals(this.role);
		}

	}

}
