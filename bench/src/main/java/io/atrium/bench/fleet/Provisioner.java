package io.atrium.bench.fleet;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.bench.load.Answer;
import io.atrium.bench.load.Http;
import io.atrium.bench.load.Json;
import io.atrium.bench.load.Recorder;
import io.atrium.bench.load.WebhookReceiver;
import io.atrium.bench.stack.Stack;
import tools.jackson.databind.JsonNode;

/**
 * Sets a fleet up through the console and the sandbox's authorization page, as an operator and merchants would:
 * so that provisioning exercises the same paths as production (onboarding links, redemption, keys shown once).
 */
public final class Provisioner {

	private static final Pattern TENANT_LOCATION = Pattern.compile("/tenants/(\\d+)$");

	private static final Pattern ONBOARDING_LINK = Pattern.compile("id=\"onboarding-link\"[^>]*href=\"([^\"]+)\"");

	private static final Pattern KEY_SECRET = Pattern.compile("id=\"api-key-secret\">(atr_[A-Za-z0-9_-]{43})<");

	private static final Pattern WEBHOOK_SECRET = Pattern.compile("id=\"webhook-secret\">(whsec_[^<]+)<");

	private static final Pattern IMAGE = Pattern.compile("src=\"(/img\\?u=[^\"]+)\"");

	private static final Pattern IMPORT_SUMMARY = Pattern.compile("id=\"import-summary\"[^>]*>(.*?)</p>", Pattern.DOTALL);

	static final int[] PERMISSION_SETS = { 1, 7, 11 };

	private final String atrium;

	private final String sandbox;

	private final Http admin = Http.browser(Duration.ofSeconds(30));

	private final Http plain = Http.plain(Duration.ofSeconds(30));

	public Provisioner(String atriumBaseUrl, String sandboxBaseUrl) {
		this.atrium = atriumBaseUrl;
		this.sandbox = sandboxBaseUrl;
	}

	public Fleet provision(int tenantCount, int accountsPerTenant) {
		return provision(tenantCount, accountsPerTenant, null);
	}

	/** With a receiver: each tenant also gets a webhook endpoint there for every message and event. */
	public Fleet provision(int tenantCount, int accountsPerTenant, WebhookReceiver receiver) {
		return provision(tenantCount, accountsPerTenant, receiver, null);
	}

	/**
	 * With the content each sandbox account is seeded with ({@code posts}, {@code images}, {@code voices},
	 * {@code videos}, {@code news}; null: the sandbox's default).
	 */
	public Fleet provision(int tenantCount, int accountsPerTenant, WebhookReceiver receiver,
			Map<String, Integer> content) {
		expect(this.admin.logIn(this.atrium, Stack.ADMIN, Stack.ADMIN_PASSWORD), 302, "admin login");
		String password = "Soak-run user: 5 quiet herons!";
		String platformKey = key("/api-keys", "/api-keys", "soak platform key");
		Fleet.Login viewer = new Fleet.Login("soak-viewer", password);
		expect(postWithCsrf("/users", "/users", Map.of("username", viewer.username(), "password", password,
				"passwordConfirmation", password, "role", "PLATFORM_VIEWER")), 302, "create viewer");
		List<Fleet.TenantSetup> tenants = new ArrayList<>();
		for (int t = 1; t <= tenantCount; t++) {
			String name = String.format("压测租户 %02d soak", t);
			Answer created = postWithCsrf("/tenants/new", "/tenants", Map.of("name", name, "contactName", "",
					"contactEmail", "", "contactPhone", "", "note", "soak run"));
			expect(created, 302, "create tenant");
			Matcher id = TENANT_LOCATION.matcher(created.header("Location"));
			if (!id.find()) {
				throw new IllegalStateException("No tenant id in " + created.header("Location"));
			}
			long tenantId = Long.parseLong(id.group(1));
			String tenantKey = key("/tenants/" + tenantId, "/tenants/" + tenantId + "/api-keys", "soak tenant key");
			Fleet.Login merchant = new Fleet.Login(String.format("soak-merchant-%02d", t), password);
			expect(postWithCsrf("/tenants/" + tenantId, "/tenants/" + tenantId + "/users", Map.of("username",
					merchant.username(), "password", password, "passwordConfirmation", password)), 302, "create merchant");
			if (receiver != null) {
				Answer hook = postWithCsrf("/tenants/" + tenantId + "/webhooks", "/tenants/" + tenantId + "/webhooks",
						Map.of("url", receiver.urlFor(tenantId), "events", ""));
				expect(hook, 200, "create webhook endpoint");
				Matcher secret = WEBHOOK_SECRET.matcher(hook.body());
				if (!secret.find()) {
					throw new IllegalStateException("No webhook secret on the page");
				}
				receiver.secret(tenantId, secret.group(1));
			}
			List<String> appIds = new ArrayList<>();
			for (int a = 1; a <= accountsPerTenant; a++) {
				appIds.add(authorize(tenantId, String.format("压测公众号 %02d-%02d", t, a), content));
			}
			tenants.add(new Fleet.TenantSetup(tenantId, name, tenantKey, merchant,
					appIds.stream().map((appId) -> content(platformKey, appId, tenantId)).toList()));
		}
		return new Fleet(platformKey, viewer, tenants);
	}

	/**
	 * Many accounts through the real path, without the rest of a fleet (no users, keys or content): tenants created
	 * in the console, then for each account a sandbox merchant without content, an onboarding link started in the
	 * console and WeChat's authorization page submitted, ending on Atrium's return page; {@code threads} merchants at
	 * once. Answers the appids, in order.
	 */
	public List<String> onboardMany(int accounts, int perTenant, int threads) throws InterruptedException {
		List<Long> tenantIds = fleetTenants(accounts, perTenant);
		// The session's token: any page's copy is good for every form of the session.
		String csrf = Http.csrf(expect(this.admin.get(this.atrium + "/tenants/new", "Accept", "text/html"), 200,
				"new tenant page").body());
		return inParallel(accounts, threads, 1000, "Onboarded", (index) -> authorize(tenantIds.get(index / perTenant),
				String.format("规模公众号 %06d", index + 1), Map.of(), csrf));
	}

	/**
	 * Many accounts as a provider moving from another platform brings them: each a sandbox merchant that authorized
	 * this platform while Atrium did not hold it ({@code threads} at once), then one file assigning them to tenants,
	 * {@code perTenant} each, uploaded to the console's 导入已授权公众号 and run. Answers the appids, in order.
	 */
	public List<String> importMany(int accounts, int perTenant, int threads) throws InterruptedException {
		List<Long> tenantIds = fleetTenants(accounts, perTenant);
		List<String> appIds = inParallel(accounts, threads, 10000, "Authorized in the sandbox",
				this::authorizedElsewhere);
		StringBuilder file = new StringBuilder("appid,tenant\n");
		for (int i = 0; i < accounts; i++) {
			file.append(appIds.get(i)).append(',').append(tenantIds.get(i / perTenant)).append('\n');
		}
		String csrf = Http.csrf(expect(this.admin.get(this.atrium + "/authorizer-import", "Accept", "text/html"), 200,
				"import page").body());
		long importStart = System.nanoTime();
		// One request for the whole file, as the console sends it; it answers when the run is done.
		Answer run = this.admin.withDeadline(Duration.ofHours(3))
			.postMultipart(this.atrium + "/authorizer-import", Map.of("mode", "csv", "action", "run", "_csrf", csrf),
					"file", "accounts.csv", file.toString());
		expect(run, 200, "import run");
		Matcher summary = IMPORT_SUMMARY.matcher(run.body());
		if (run.body().contains("id=\"import-refused\"") || !summary.find()) {
			throw new IllegalStateException("The import did not run: " + run.body().substring(0,
					Math.min(2000, run.body().length())));
		}
		System.out.printf("Imported in %d s: %s%n", (System.nanoTime() - importStart) / 1_000_000_000L,
				summary.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip());
		return appIds;
	}

	/**
	 * One tenant with one account onboarded through its link, and a platform key with these scopes (their values,
	 * {@code wechat:call}) and WeChat path patterns (one per line): what a measurement of one account's calls needs.
	 */
	public OneAccount oneAccount(List<String> scopes, String paths) {
		long tenantId = fleetTenants(1, 1).get(0);
		String appId = authorize(tenantId, "热路径公众号 hot-path", null);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", "hot-path key");
		form.put("scopes", String.join(",", scopes));
		form.put("paths", paths);
		return new OneAccount(appId, key("/api-keys", "/api-keys", form));
	}

	/** An account and a platform key that may reach it. */
	public record OneAccount(String appId, String key) {

		@Override
		public String toString() {
			return "OneAccount[appId=" + this.appId + ", key=******]";
		}

	}

	/** A sandbox merchant that authorized this platform while another backend held its custody: its appid. */
	private String authorizedElsewhere(int index) {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("nickname", String.format("迁入公众号 %06d", index + 1));
		spec.put("permissionSets", List.of(1, 7, 11));
		spec.put("content", Map.of());
		String appId = Json.read(sandboxControl("/sandbox/accounts", Json.write(spec), 201, "sandbox account").body())
			.get("appid")
			.asString();
		// No push: WeChat sent it to the platform's previous backend; Atrium learns of it from the list.
		sandboxControl("/sandbox/accounts/" + appId + "/authorize", "{\"push\":false}", 200, "authorized elsewhere");
		return appId;
	}

	/**
	 * {@code each} for every account index, {@code threads} at once, saying how far it got every {@code every}
	 * accounts; answers what each gave (the appids), in index order.
	 */
	private static List<String> inParallel(int accounts, int threads, int every, String progress,
			IntFunction<String> each) throws InterruptedException {
		String[] appIds = new String[accounts];
		ExecutorService workers = Executors.newFixedThreadPool(threads);
		AtomicInteger done = new AtomicInteger();
		List<Future<?>> work = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < accounts; i++) {
			int index = i;
			work.add(workers.submit(() -> {
				appIds[index] = each.apply(index);
				int count = done.incrementAndGet();
				if (count % every == 0 || count == accounts) {
					System.out.printf("%s: %d of %d accounts (%.0f/s)%n", progress, count, accounts,
							count / ((System.nanoTime() - start) / 1e9));
				}
				return null;
			}));
		}
		try {
			for (Future<?> future : work) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(progress + ": failed", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		return List.of(appIds);
	}

	/**
	 * A call to the sandbox's control API, tried again (up to three times) when a kept-alive connection the sandbox
	 * had closed gives no answer at all: at 1,000 calls a second that happens. An unanswered account creation leaves
	 * at most a merchant that never authorizes, which nothing lists.
	 */
	private Answer sandboxControl(String path, String json, int status, String what) {
		for (int attempt = 1;; attempt++) {
			try {
				return expect(this.plain.postJson(this.sandbox + path, json), status, what);
			}
			catch (NoAnswer ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/** Tenants of {@code perTenant} accounts each, created in the console by the admin, who stays logged in. */
	private List<Long> fleetTenants(int accounts, int perTenant) {
		expect(this.admin.logIn(this.atrium, Stack.ADMIN, Stack.ADMIN_PASSWORD), 302, "admin login");
		List<Long> tenantIds = new ArrayList<>();
		for (int t = 1; t <= (accounts + perTenant - 1) / perTenant; t++) {
			Answer created = postWithCsrf("/tenants/new", "/tenants", Map.of("name", String.format("规模租户 %03d fleet", t),
					"contactName", "", "contactEmail", "", "contactPhone", "", "note", "fleet run"));
			expect(created, 302, "create tenant");
			Matcher id = TENANT_LOCATION.matcher(created.header("Location"));
			if (!id.find()) {
				throw new IllegalStateException("No tenant id in " + created.header("Location"));
			}
			tenantIds.add(Long.parseLong(id.group(1)));
		}
		return tenantIds;
	}

	/** A merchant account in the sandbox, authorized through an onboarding link of the tenant. */
	private String authorize(long tenantId, String nickname, Map<String, Integer> content) {
		return authorize(tenantId, nickname, content, null);
	}

	/** With {@code csrf}: the session's CSRF token, instead of reading it from a page for every form. */
	private String authorize(long tenantId, String nickname, Map<String, Integer> content, String csrf) {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("nickname", nickname);
		spec.put("permissionSets", List.of(1, 7, 11));
		if (content != null) {
			spec.put("content", content);
		}
		Answer account = this.plain.postJson(this.sandbox + "/sandbox/accounts", Json.write(spec));
		expect(account, 201, "sandbox account");
		String appId = Json.read(account.body()).get("appid").asString();
		// A connection the server closed between requests (no answer at all) is tried again from a new link, as a
		// merchant would; any answer that is not the expected one fails the run.
		for (int attempt = 1;; attempt++) {
			try {
				return onboard(tenantId, appId, csrf);
			}
			catch (NoAnswer ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private String onboard(long tenantId, String appId, String csrf) {
		Answer started = (csrf != null)
				? this.admin.postForm(this.atrium + "/onboarding",
						Map.of("tenantId", String.valueOf(tenantId), "_csrf", csrf), "Accept", "text/html")
				: postWithCsrf("/tenants/" + tenantId, "/onboarding", Map.of("tenantId", String.valueOf(tenantId)));
		expect(started, 302, "start onboarding");
		Answer page = this.admin.get(this.atrium + started.header("Location"), "Accept", "text/html");
		Matcher link = ONBOARDING_LINK.matcher(page.body());
		if (!link.find()) {
			throw new IllegalStateException("No authorization link on the onboarding page");
		}
		Map<String, String> query = query(link.group(1).replace("&amp;", "&"));
		StringBuilder form = new StringBuilder();
		for (String field : List.of("component_appid", "pre_auth_code", "redirect_uri")) {
			form.append(Http.formField(field, query.get(field))).append('&');
		}
		form.append(Http.formField("authorizer_appid", appId));
		for (int set : PERMISSION_SETS) {
			form.append('&').append(Http.formField("permission_set", String.valueOf(set)));
		}
		Answer confirmed = this.plain.postForm(this.sandbox + "/cgi-bin/componentloginpage/confirm", form.toString());
		expect(confirmed, 302, "authorization page");
		Answer returned = this.plain.get(confirmed.header("Location"), "Accept", "text/html");
		// 202 "授权处理中": WeChat's push is being redeemed at this moment; the page refreshes itself, as a browser does.
		for (int refresh = 0; returned.status() == 202 && refresh < 15; refresh++) {
			pause(Duration.ofSeconds(2));
			returned = this.plain.get(confirmed.header("Location"), "Accept", "text/html");
		}
		expect(returned, 200, "authorization return page");
		return appId;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Some of the account's content to ask for later: article ids and image proxy links. */
	private Fleet.Account content(String platformKey, String appId, long tenantId) {
		Answer page = this.plain.get(this.atrium + "/api/v1/accounts/" + appId + "/articles?count=20&withContent=false",
				"Authorization", "Bearer " + platformKey);
		expect(page, 200, "articles of " + appId);
		List<String> articleIds = new ArrayList<>();
		for (JsonNode item : Json.read(page.body()).get("item")) {
			articleIds.add(item.get("article_id").asString());
		}
		Answer materials = this.admin.get(this.atrium + "/accounts/" + appId + "/materials", "Accept", "text/html");
		expect(materials, 200, "materials page of " + appId);
		List<String> images = new ArrayList<>();
		Matcher image = IMAGE.matcher(materials.body());
		while (image.find() && images.size() < 6) {
			images.add(image.group(1).replace("&amp;", "&"));
		}
		return new Fleet.Account(appId, tenantId, List.copyOf(articleIds), List.copyOf(images));
	}

	/** Creates a key on a page that shows it once, and reads it from that answer. */
	private String key(String page, String action, String name) {
		return key(page, action, Map.of("name", name));
	}

	private String key(String page, String action, Map<String, String> form) {
		Answer created = postWithCsrf(page, action, form);
		expect(created, 200, "create key");
		Matcher secret = KEY_SECRET.matcher(created.body());
		if (!secret.find()) {
			throw new IllegalStateException("No key secret on the page");
		}
		return secret.group(1);
	}

	private Answer postWithCsrf(String page, String action, Map<String, String> form) {
		Answer shown = this.admin.get(this.atrium + page, "Accept", "text/html");
		expect(shown, 200, page);
		Map<String, String> withToken = new LinkedHashMap<>(form);
		withToken.put("_csrf", Http.csrf(shown.body()));
		return this.admin.postForm(this.atrium + action, withToken, "Accept", "text/html");
	}

	/** The server answered nothing (the connection closed). */
	static final class NoAnswer extends IllegalStateException {

		NoAnswer(String message) {
			super(message);
		}

	}

	private static Map<String, String> query(String url) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

	static Answer expect(Answer answer, int status, String what) {
		if (answer.status() == Recorder.NO_ANSWER) {
			throw new NoAnswer(what + ": no answer " + answer.body());
		}
		if (answer.status() != status) {
			throw new IllegalStateException(what + ": expected " + status + ", got " + answer.status() + " "
					+ answer.body().substring(0, Math.min(300, answer.body().length())));
		}
		return answer;
	}

}
