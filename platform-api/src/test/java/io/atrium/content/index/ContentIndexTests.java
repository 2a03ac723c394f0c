package io.atrium.content.index;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.apikey.ApiKeyService;
import io.atrium.content.ContentIntegrationTests;
import io.atrium.token.TestSandbox;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content index against the sandbox and the real PostgreSQL: what a sync calls and stores, how it follows
 * changes, where it stops and resumes, who may hold it, and the REST API reading from it.
 */
class ContentIndexTests extends ContentIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ContentSyncs syncs;

	@Autowired
	ContentIndexStore store;

	@Autowired
	ApiKeyService keys;

	@Autowired
	WeChatApis apis;

	@Autowired
	ContentIndex index;

	private String platformKey;

	@BeforeEach
	void platformKey() {
		this.platformKey = this.keys.create("tests", null, "test").secret();
	}

	@Test
	void aFirstSyncListsWithoutContentAndFetchesEachPostOnceThenCostsOnlyTheListings() {
		String appId = onboardedAccount("索引", 7, 11);

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.COMPLETE);

		// 24 posts: two listings, one getarticle each; four material types of 12, 4, 3 and 6: one listing each.
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(2);
		assertThat(control.calls(appId, GETARTICLE)).isEqualTo(24);
		assertThat(control.calls(appId, MATERIALS)).isEqualTo(4);
		SyncStatus status = status(appId);
		assertThat(status.posts()).isEqualTo(24);
		assertThat(status.materials()).isEqualTo(12 + 4 + 3 + 6);
		assertThat(status.lastCalls()).isEqualTo(30);
		assertThat(status.syncedAt()).isNotNull();
		assertThat(status.nextSyncAt()).isAfter(status.syncedAt().plus(Duration.ofHours(11)));
		// The tenth post's headline is deleted in the sandbox's seed: stored, flagged, not lost.
		assertThat(this.jdbc.sql("select count(*) from content_post_body where appid = :a and articles -> 0 ->> "
				+ "'is_deleted' = 'true'").param("a", appId).query(Integer.class).single()).isEqualTo(1);

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.COMPLETE);

		assertThat(control.calls(appId, BATCHGET)).isEqualTo(4);
		assertThat(control.calls(appId, GETARTICLE)).as("nothing changed: no getarticle").isEqualTo(24);
		assertThat(control.calls(appId, MATERIALS)).isEqualTo(8);
		assertThat(status(appId).lastCalls()).isEqualTo(6);
	}

	@Test
	void aSyncFollowsPublishedChangedAndDeletedPostsAndRemovedMaterialsFetchingOnlyWhatChanged() throws Exception {
		String appId = onboardedAccount("变化", 7, 11);
		this.syncs.syncNow(appId);
		JsonNode listed = control.get("/sandbox/accounts/" + appId);
		assertThat(listed.path("appid").asString()).isEqualTo(appId);
		List<String> ids = this.jdbc.sql("select article_id from content_post where appid = :a order by update_time desc")
			.param("a", appId).query(String.class).list();
		String changed = ids.get(3);
		String withdrawn = ids.get(5);
		String image = this.jdbc.sql("select media_id from content_material where appid = :a and type = 'image' "
				+ "order by media_id limit 1").param("a", appId).query(String.class).single();

		JsonNode published = control.post("/sandbox/accounts/" + appId + "/posts",
				json.createObjectNode().put("title", "秋季限定桂花拿铁上市").put("author", "星河编辑部"));
		control.put("/sandbox/accounts/" + appId + "/posts/" + changed, json.createObjectNode().put("title", "改过的标题"));
		control.delete("/sandbox/accounts/" + appId + "/posts/" + withdrawn);
		control.delete("/sandbox/accounts/" + appId + "/materials/" + image);
		int fetchedBefore = control.calls(appId, GETARTICLE);

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.COMPLETE);

		assertThat(control.calls(appId, GETARTICLE) - fetchedBefore).as("the new post and the changed one").isEqualTo(2);
		SyncStatus status = status(appId);
		assertThat(status.posts()).isEqualTo(24);
		assertThat(status.removedPosts()).isEqualTo(1);
		assertThat(status.removedMaterials()).isEqualTo(1);
		assertThat(this.jdbc.sql("select title from content_post where appid = :a and article_id = :id")
			.param("a", appId).param("id", changed).query(String.class).single()).isEqualTo("改过的标题");
		assertThat(this.jdbc.sql("select removed_at from content_post where appid = :a and article_id = :id")
			.param("a", appId).param("id", withdrawn).query(Instant.class).single()).isNotNull();
		// The new post and the changed one carry the sandbox's now (maybe the same second): the two newest.
		JsonNode newest = body(get("/api/v1/accounts/" + appId + "/articles?count=2&withContent=false"));
		assertThat(newest.path("item").findValuesAsString("article_id"))
			.containsExactlyInAnyOrder(published.path("articleId").asString(), changed);
		assertThat(newest.path("item").findValuesAsString("title")).containsExactlyInAnyOrder("秋季限定桂花拿铁上市",
				"改过的标题");
	}

	@Test
	void theApiAnswersFromTheIndexWithItsFreshnessWhateverWeChatDoesAndLiveOnRequest() throws Exception {
		String appId = onboardedAccount("读取", 7, 11);
		// Before the first sync: WeChat's answer, as before there was an index.
		JsonNode before = body(get("/api/v1/accounts/" + appId + "/articles?count=5"));
		assertThat(before.has("synced_at")).isFalse();
		assertThat(control.calls(appId, BATCHGET)).isEqualTo(1);
		this.syncs.syncNow(appId);
		int listings = control.calls(appId, BATCHGET);
		httpFault(BATCHGET, appId, 503, 1000);
		httpFault(GETARTICLE, appId, 503, 1000);
		httpFault(MATERIALS, appId, 503, 1000);

		JsonNode first = body(get("/api/v1/accounts/" + appId + "/articles?count=20"));
		assertThat(first.path("source").asString()).isEqualTo("index");
		assertThat(Instant.parse(first.path("synced_at").asString())).isBeforeOrEqualTo(status(appId).syncedAt())
			.isAfter(status(appId).syncedAt().minusSeconds(60));
		assertThat(first.path("total_count").asInt()).isEqualTo(24);
		assertThat(first.path("item").get(0).path("content").path("news_item").get(0).path("content").asString())
			.isNotBlank();
		List<String> ids = new ArrayList<>(first.path("item").findValuesAsString("article_id"));
		JsonNode second = body(get("/api/v1/accounts/" + appId + "/articles?cursor=" + first.path("next_cursor").asString()));
		ids.addAll(second.path("item").findValuesAsString("article_id"));
		assertThat(second.has("next_cursor")).isFalse();
		assertThat(ids).hasSize(24).doesNotHaveDuplicates();
		JsonNode light = body(get("/api/v1/accounts/" + appId + "/articles?count=3&withContent=false"));
		assertThat(light.path("item").get(0).path("content").path("news_item").get(0).has("content")).isFalse();
		JsonNode article = body(get("/api/v1/accounts/" + appId + "/articles/" + ids.get(2)));
		assertThat(article.path("news_item").size()).isGreaterThan(1);
		assertThat(article.path("source").asString()).isEqualTo("index");
		JsonNode images = body(get("/api/v1/accounts/" + appId + "/materials?type=image&count=5"));
		assertThat(images.path("total_count").asInt()).isEqualTo(12);
		assertThat(images.path("item").get(0).path("url").asString()).startsWith("http");
		JsonNode count = body(get("/api/v1/accounts/" + appId + "/materials/count"));
		assertThat(count.path("image_count").asInt()).isEqualTo(12);
		assertThat(count.path("news_count").asInt()).isEqualTo(6);
		assertThat(control.calls(appId, BATCHGET)).as("not one call to WeChat").isEqualTo(listings);

		HttpResponse<String> live = get("/api/v1/accounts/" + appId + "/articles?source=live", this.platformKey);
		assertThat(live.statusCode()).isGreaterThanOrEqualTo(500);
		assertThat(control.calls(appId, BATCHGET)).isGreaterThan(listings);
	}

	@Test
	void anAccountWhosePostsWeChatRefusesHasItsMaterialsIndexedAndItsPostsStillAskedLive() throws Exception {
		String appId = onboardedAccount("未认证", 7, 11);
		// As for an unverified account: WeChat answers freepublish with 48001, to the sync and to the next reader.
		fault(BATCHGET, appId, 48001, 2);

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.COMPLETE);

		assertThat(status(appId).posts()).isZero();
		assertThat(status(appId).materials()).isEqualTo(25);
		HttpResponse<String> posts = get("/api/v1/accounts/" + appId + "/articles", this.platformKey);
		assertThat(posts.statusCode()).as("asked live, and told why").isEqualTo(403);
		assertThat(body(posts).path("errcode").asInt()).isEqualTo(48001);
		assertThat(body(get("/api/v1/accounts/" + appId + "/materials?type=video")).path("source").asString())
			.isEqualTo("index");
	}

	@Test
	void searchFindsChineseSubstringsOfTitlesAuthorsAndDigestsWithinTheCallersTenantOnly() throws Exception {
		String mine = onboardedAccount("搜索甲", 7);
		String theirs = onboardedAccount("搜索乙", 7);
		JsonNode post = control.post("/sandbox/accounts/" + mine + "/posts", json.createObjectNode()
			.put("title", "秋季限定桂花拿铁上市").put("author", "星河编辑部").put("digest", "100%新鲜的_桂花"));
		control.post("/sandbox/accounts/" + theirs + "/posts",
				json.createObjectNode().put("title", "桂花拿铁的做法").put("author", "山野"));
		this.syncs.syncNow(mine);
		this.syncs.syncNow(theirs);
		long myTenant = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", mine)
			.query(Long.class).single();
		String tenantKey = this.keys.create("甲", myTenant, "test").secret();

		assertThat(ids("/api/v1/articles?q=" + enc("花拿"), tenantKey)).containsExactly(post.path("articleId").asString());
		assertThat(appids("/api/v1/articles?q=" + enc("桂花拿铁"), this.platformKey)).containsExactlyInAnyOrder(mine, theirs);
		assertThat(ids("/api/v1/articles?q=" + enc("编辑部"), tenantKey)).hasSize(1);
		assertThat(ids("/api/v1/articles?q=" + enc("%新鲜的_"), tenantKey)).hasSize(1);
		assertThat(ids("/api/v1/articles?q=" + enc("%新_"), tenantKey)).as("% and _ are literal").isEmpty();
		assertThat(ids("/api/v1/accounts/" + mine + "/articles?q=" + enc("桂花"), tenantKey)).hasSize(1);
		String day = WeChatDay.of(Instant.ofEpochSecond(post.path("updateTime").asLong())).toString();
		assertThat(ids("/api/v1/articles?from=" + day + "&to=" + day, tenantKey)).hasSize(1);
		assertThat(ids("/api/v1/articles?to=2026-11-01&sort=oldest", tenantKey)).hasSize(20)
			.doesNotContain(post.path("articleId").asString());
		// Another tenant's account, by any path: not found, indistinguishable from none.
		for (String path : List.of("/articles?q=" + enc("桂花"), "/sync")) {
			HttpResponse<String> answer = get("/api/v1/accounts/" + theirs + path, tenantKey);
			assertThat(answer.statusCode()).as(path).isEqualTo(404);
		}
		assertThat(post("/api/v1/accounts/" + theirs + "/sync", tenantKey).statusCode()).isEqualTo(404);
		// Bad input is refused and names the parameter.
		for (String query : List.of("q=" + "长".repeat(101), "from=2026-13-01", "from=2026-02-01&to=2026-01-01",
				"sort=hot", "count=21", "count=0", "offset=-1")) {
			HttpResponse<String> answer = get("/api/v1/articles?" + query, tenantKey);
			assertThat(answer.statusCode()).as(query).isEqualTo(400);
		}
		assertThat(get("/api/v1/accounts/" + mine + "/articles?source=cache", tenantKey).statusCode()).isEqualTo(400);
		// One character: no pair to look up, found by scanning; Latin text ignores case.
		assertThat(ids("/api/v1/articles?q=" + enc("桂"), tenantKey)).contains(post.path("articleId").asString());
		control.post("/sandbox/accounts/" + mine + "/posts", json.createObjectNode().put("title", "Latte Art 入门"));
		this.syncs.syncNow(mine);
		assertThat(ids("/api/v1/articles?q=" + enc("lATTE a"), tenantKey)).hasSize(1);
		// A merchant who revoked the platform is searched no more.
		control.revoke(theirs);
		assertThat(appids("/api/v1/articles?q=" + enc("桂花拿铁"), this.platformKey)).containsExactly(mine);
	}

	@Test
	void aTenantsPostsAcrossItsAccountsArePagedInTheOrderAskedForAsOneList() throws Exception {
		String first = onboardedAccount("合并甲", 7);
		long tenantId = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", first)
			.query(Long.class).single();
		String second = onboardedAccount(tenantId, "合并乙", 7);
		String outsider = onboardedAccount("合并丙", 7);
		for (String appId : List.of(first, second, outsider)) {
			this.syncs.syncNow(appId);
		}
		String tenantKey = this.keys.create("合并", tenantId, "test").secret();
		for (PostSort sort : PostSort.values()) {
			// Each account's posts read through its own index and merged, page by page, as one ordered list.
			List<String> expected = this.jdbc.sql("select p.article_id from content_post p where p.appid in (:a, :b) "
					+ "and p.removed_at is null order by " + sort.orderBy())
				.param("a", first).param("b", second)
				.query(String.class).list();
			List<String> paged = new ArrayList<>();
			for (int offset = 0; offset < expected.size() + 7; offset += 7) {
				paged.addAll(ids("/api/v1/articles?withContent=false&count=7&offset=" + offset + "&sort="
						+ sort.name().toLowerCase(Locale.ROOT), tenantKey));
			}
			assertThat(expected).as("both accounts have posts").hasSizeGreaterThan(14);
			assertThat(paged).as(sort.name()).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void materialsOfEveryAccountTheKeySeesAreSearchedByNameAndByANewsMaterialsArticles() throws Exception {
		String mine = onboardedAccount("素材甲", 11);
		String theirs = onboardedAccount("素材乙", 11);
		this.syncs.syncNow(mine);
		this.syncs.syncNow(theirs);
		long myTenant = this.jdbc.sql("select tenant_id from official_account where appid = :a").param("a", mine)
			.query(Long.class).single();
		String tenantKey = this.keys.create("素材", myTenant, "test").secret();
		JsonNode news = body(get("/api/v1/accounts/" + mine + "/materials?type=news&count=1")).path("item").path(0);
		assertThat(news.path("media_id").asString()).as("the sandbox's account has a news material").isNotEmpty();
		String title = news.path("content").path("news_item").path(0).path("title").asString();
		String part = title.substring(1, 3);

		JsonNode found = body(get("/api/v1/materials?type=news&q=" + enc(part), tenantKey));
		assertThat(found.path("source").asString()).isEqualTo("index");
		List<String> mediaIds = found.path("item").findValuesAsString("media_id");
		assertThat(mediaIds).contains(news.path("media_id").asString());
		found.path("item").forEach((item) -> {
			assertThat(item.path("appid").asString()).isEqualTo(mine);
			assertThat(item.path("type").asString()).isEqualTo("news");
			assertThat(item.path("synced_at").asString()).isNotEmpty();
			assertThat(item.toString()).contains(part);
		});
		// The platform key sees both tenants' materials; the tenant's key, its own only.
		Set<String> platformAppids = new HashSet<>(
				body(get("/api/v1/materials?type=news&count=20&q=" + enc(part), this.platformKey)).path("item")
					.findValuesAsString("appid"));
		assertThat(platformAppids).contains(mine);
		JsonNode theirNews = body(get("/api/v1/accounts/" + theirs + "/materials?type=news&count=20")).path("item");
		for (JsonNode item : theirNews) {
			assertThat(mediaIds).doesNotContain(item.path("media_id").asString());
		}
		// Without a type: every type, newest first; an image's name is searched too.
		JsonNode image = body(get("/api/v1/accounts/" + mine + "/materials?type=image&count=1")).path("item").path(0);
		String name = image.path("name").asString();
		JsonNode byName = body(get("/api/v1/materials?q=" + enc(name), tenantKey));
		assertThat(byName.path("item").findValuesAsString("media_id")).contains(image.path("media_id").asString());
		// Bad input is refused and names the parameter.
		for (String query : List.of("type=gif", "q=" + "长".repeat(101), "count=21", "count=0", "offset=-1")) {
			HttpResponse<String> answer = get("/api/v1/materials?" + query, tenantKey);
			assertThat(answer.statusCode()).as(query).isEqualTo(400);
		}
	}

	@Test
	void theSearchTextIsLowerCaseAndItsPairsNeverSpanTwoFields() {
		String text = SearchText.of(Arrays.asList("Latte 桂花", null, "A\"b"));
		assertThat(text).isEqualTo("latte 桂花\na\"b");
		assertThat(SearchText.grams(text)).containsExactly("la", "at", "tt", "te", "e ", " 桂", "桂花", "a\"", "\"b");
		assertThat(SearchText.grams("😀x")).containsExactly("😀x");
		assertThat(SearchText.grams("桂")).isEmpty();
		assertThat(SearchText.array(List.of("a\"b", "c\\d"))).isEqualTo("{\"a\\\"b\",\"c\\\\d\"}");
		assertThat(SearchText.like("100%_Ok\\")).isEqualTo("%100\\%\\_ok\\\\%");
	}

	@Test
	void aSyncStopsAtItsShareOfTheDaysCallsAndResumesWhereItStopped() {
		String appId = onboardedAccount("配额", 7, 11);
		// The merchant's own calls today leave the sync five getarticle calls of its share.
		long share = (long) (0.2 * this.apis.perDay());
		for (long i = 0; i < share - 5; i++) {
			this.upstreamUsage.called(appId, this.apis.forPath(GETARTICLE));
		}
		this.upstreamUsage.flushAndWait();

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.QUOTA_PAUSED);

		assertThat(control.calls(appId, GETARTICLE)).isEqualTo(5);
		SyncStatus paused = status(appId);
		assertThat(paused.lastOutcome()).isEqualTo(SyncOutcome.QUOTA_PAUSED);
		assertThat(paused.syncedAt()).isNull();
		assertThat(paused.nextSyncAt()).isAfter(WeChatDay.nextReset(Instant.now()).minusSeconds(1));
		assertThat(paused.posts()).isEqualTo(5);

		// A new day (its counts gone): the pass resumes in the first page and fetches only what it had not.
		flushRedis();
		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.COMPLETE);
		assertThat(control.calls(appId, GETARTICLE)).isEqualTo(24);
		assertThat(status(appId).posts()).isEqualTo(24);
	}

	@Test
	void weChatsDailyQuotaStopsTheSyncAndNoCallIsSpentUntilItsBreakerCloses() {
		String appId = onboardedAccount("限额", 7, 11);
		fault(GETARTICLE, appId, 45009, 1);

		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.QUOTA_PAUSED);
		int calls = control.calls(appId, GETARTICLE);
		assertThat(this.syncs.syncNow(appId)).contains(SyncOutcome.QUOTA_PAUSED);

		assertThat(control.calls(appId, GETARTICLE)).as("no retry past 45009").isEqualTo(calls);
		assertThat(status(appId).lastError()).contains("45009");
	}

	@Test
	void twoInstancesNeverHoldOneAccountAndDueAccountsAreSharedOut() throws Exception {
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			accounts.add(onboardedAccount("租约" + i, 7));
		}
		this.store.addNewAccounts(Instant.now());
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			Callable<List<String>> claim = () -> this.store.claimDue(Instant.now(), Thread.currentThread().getName(),
					Duration.ofMinutes(2), 6);
			Future<List<String>> one = instances.submit(claim);
			Future<List<String>> other = instances.submit(claim);
			Set<String> union = new HashSet<>(one.get());
			union.addAll(other.get());
			assertThat(one.get().size() + other.get().size()).isEqualTo(6);
			assertThat(union).containsExactlyInAnyOrderElementsOf(accounts);
		}
		finally {
			instances.shutdownNow();
		}
		// Held by another instance: this one neither syncs nor calls WeChat.
		assertThat(this.syncs.syncNow(accounts.get(0))).isEmpty();
		assertThat(control.calls(accounts.get(0), BATCHGET)).isZero();
	}

	@Test
	void weChatsPublishJobFinishedEventMakesTheAccountDueAtOnce() {
		String appId = onboardedAccount("发布", 7);
		this.syncs.syncNow(appId);
		assertThat(status(appId).nextSyncAt()).isAfter(Instant.now().plus(Duration.ofHours(1)));

		JsonNode delivery = control.post("/sandbox/accounts/" + appId + "/messages",
				json.createObjectNode().put("event", "PUBLISHJOBFINISH"));

		assertThat(delivery.path("acknowledged").asBoolean()).isTrue();
		assertThat(status(appId).nextSyncAt()).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void aSyncOnDemandRunsWithinSecondsAndAnsweredAccepted() throws Exception {
		String appId = onboardedAccount("按需", 7);
		HttpResponse<String> accepted = post("/api/v1/accounts/" + appId + "/sync", this.platformKey);
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(body(accepted).path("appid").asString()).isEqualTo(appId);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		JsonNode status = body(get("/api/v1/accounts/" + appId + "/sync"));
		while (!status.has("synced_at") && System.nanoTime() < deadline) {
			Thread.sleep(100);
			status = body(get("/api/v1/accounts/" + appId + "/sync"));
		}
		assertThat(status.path("last_outcome").asString()).isEqualTo("COMPLETE");
		assertThat(status.path("posts").asInt()).isEqualTo(24);
		assertThat(status.toString()).doesNotContain("access_token", "refreshtoken@@@");
	}

	@Test
	void accountsTakeTheirTurnsSpreadOverTheInterval() {
		ContentSync sync = new ContentSync(null, null, null, this.apis,
				new ContentIndexProperties(0.2, Duration.ofHours(24), Duration.ofSeconds(30), 1, Duration.ofMinutes(15),
						Duration.ofMinutes(2)), Clock.systemUTC());
		Instant now = Instant.parse("2026-12-04T08:00:00Z");
		int[] perHour = new int[24];
		for (int i = 0; i < 2400; i++) {
			Instant turn = sync.nextTurn("wx" + String.format("%016x", i * 7919L), now);
			assertThat(turn).isAfterOrEqualTo(now.plus(Duration.ofHours(12))).isBefore(now.plus(Duration.ofHours(36)));
			perHour[(int) Duration.between(now, turn).toHours() % 24]++;
		}
		for (int hour : perHour) {
			assertThat(hour).isBetween(50, 150);
		}
	}

	@Test
	void aFailuresMessageIsStoredWithoutTheTokenItsUrlCarried() {
		assertThat(ContentSync.withoutToken("executing POST http://127.0.0.1/cgi-bin/freepublish/batchget"
				+ "?access_token=79_secretTOKEN-value&x=1 failed")).isEqualTo(
						"executing POST http://127.0.0.1/cgi-bin/freepublish/batchget?access_token=***&x=1 failed");
		assertThat(ContentSync.withoutToken(null)).isNull();
	}

	private SyncStatus status(String appId) {
		return this.index.status(TenantScope.platform(), appId);
	}

	private List<String> ids(String path, String key) throws Exception {
		HttpResponse<String> answer = get(path, key);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return body(answer).path("item").findValuesAsString("article_id");
	}

	private List<String> appids(String path, String key) throws Exception {
		HttpResponse<String> answer = get(path, key);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		List<String> appids = new ArrayList<>();
		body(answer).path("item").forEach((item) -> appids.add(item.path("appid").asString()));
		return appids;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpResponse<String> answer = get(path, this.platformKey);
		assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
		return answer;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
		return http.send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String path, String key) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestSandbox.ATRIUM_PORT + path))
			.header("Authorization", "Bearer " + key);
	}

}
