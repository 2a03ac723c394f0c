package io.atrium.content.index;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.content.MaterialCount;
import io.atrium.content.MaterialItem;
import io.atrium.content.MaterialPage;
import io.atrium.content.NewsContent;
import io.atrium.content.NewsItem;
import io.atrium.content.PublishedArticle;
import io.atrium.content.PublishedItem;
import io.atrium.content.PublishedPage;
import io.atrium.content.index.ContentIndexStore.Counts;
import io.atrium.content.index.ContentIndexStore.Page;
import io.atrium.content.index.ContentIndexStore.StoredMaterial;
import io.atrium.content.index.ContentIndexStore.StoredPost;
import io.atrium.content.index.ContentIndexStore.SyncState;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import tools.jackson.core.type.TypeReference;

import org.springframework.stereotype.Service;

/**
 * Reads of the content index, in the content API's own shapes, each with {@code synced_at} (when the account's last
 * complete sync ended) and {@code source: index}. The account is checked as for a live call ({@link AccountGate}): a
 * revoked account's or another tenant's content is not served from the index either. Until an account's posts (or
 * materials) have been listed to the end once, the index has no answer for them: the reads answer empty and the
 * caller asks WeChat (which also tells an unverified account's caller why it gets no posts).
 */
@Service
public class ContentIndex {

	private static final TypeReference<List<NewsItem>> ARTICLES = new TypeReference<>() {
	};

	private final ContentIndexStore store;

	private final AccountGate gate;

	private final Clock clock;

	private final WeChatApi listPosts;

	private final WeChatApi listMaterials;

	ContentIndex(ContentIndexStore store, AccountGate gate, WeChatApis apis, Clock clock) {
		this.store = store;
		this.gate = gate;
		this.clock = clock;
		this.listPosts = apis.forPath("/cgi-bin/freepublish/batchget");
		this.listMaterials = apis.forPath("/cgi-bin/material/batchget_material");
	}

	/** The account's published posts from the index, or empty before its first complete sync. */
	public Optional<PublishedPage> posts(TenantScope scope, String appId, PostQuery query, int offset, int count,
			boolean withContent) {
		this.gate.admit(scope, appId, this.listPosts);
		return postsSyncedAt(appId).map((syncedAt) -> {
			Page<StoredPost> page = this.store.posts(filter(scope, appId, query), offset, count, query.sort());
			List<PublishedItem> items = page.items()
				.stream()
				.map((post) -> item(post, withContent, Map.of()))
				.toList();
			return new PublishedPage((int) page.total(), items.size(), items, null, counted(freshness(syncedAt), page));
		});
	}

	/**
	 * Posts of every authorized account the caller may see (the platform's, a tenant's, or one account's), each with
	 * its {@code appid} and its account's {@code synced_at}. Accounts not yet synced contribute nothing. A search
	 * counts up to {@value ContentIndexStore#MAX_COUNTED} matches ({@code total_count_capped} beyond).
	 */
	public PublishedPage search(TenantScope scope, PostQuery query, int offset, int count, boolean withContent) {
		Page<StoredPost> page = this.store.posts(filter(scope, null, query), offset, count, query.sort());
		List<PublishedItem> items = page.items().stream().map((post) -> {
			Map<String, Object> account = new LinkedHashMap<>();
			account.put("appid", post.appId());
			if (post.syncedAt() != null) {
				account.put("synced_at", post.syncedAt().toString());
			}
			return item(post, withContent, account);
		}).toList();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("source", "index");
		return new PublishedPage((int) page.total(), items.size(), items, null, counted(fields, page));
	}

	/**
	 * Permanent materials of every authorized account the caller may see (of one type, or all), each with its
	 * {@code appid}, {@code type} and its account's {@code synced_at}, newest first; searched by name and by a news
	 * material's titles, authors and digests. Counted like a posts search.
	 * @throws IllegalArgumentException when {@code q} is longer than {@value PostQuery#MAX_QUERY_LENGTH} characters
	 */
	public MaterialPage searchMaterials(TenantScope scope, String type, String q, int offset, int count) {
		Page<StoredMaterial> page = this.store.searchMaterials(indexScope(scope), type, searched(q), offset, count);
		List<MaterialItem> items = page.items().stream().map((material) -> {
			MaterialItem item = WeChatHttp.json().readValue(material.itemJson(), MaterialItem.class);
			Map<String, Object> fields = new LinkedHashMap<>(item.unknownFields());
			fields.put("appid", material.appId());
			fields.put("type", material.type());
			if (material.syncedAt() != null) {
				fields.put("synced_at", material.syncedAt().toString());
			}
			return new MaterialItem(item.mediaId(), item.name(), item.updateTime(), item.url(), item.description(),
					item.tags(), item.content(), fields);
		}).toList();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("source", "index");
		return new MaterialPage((int) page.total(), items.size(), items, null, counted(fields, page));
	}

	/** One post's articles from the index, or empty when the index does not hold it (or the account was never synced). */
	public Optional<PublishedArticle> article(TenantScope scope, String appId, String articleId) {
		this.gate.admit(scope, appId, this.listPosts);
		return postsSyncedAt(appId).flatMap((syncedAt) -> this.store.post(appId, articleId)
			.map((post) -> new PublishedArticle(articles(post.articlesJson()), freshness(syncedAt))));
	}

	/** The account's permanent materials of a type from the index, or empty before its first complete sync. */
	public Optional<MaterialPage> materials(TenantScope scope, String appId, String type, String q, int offset,
			int count) {
		this.gate.admit(scope, appId, this.listMaterials);
		String query = searched(q);
		return materialsSyncedAt(appId).map((syncedAt) -> {
			Page<String> page = this.store.materials(appId, type, query, offset, count);
			List<MaterialItem> items = page.items()
				.stream()
				.map((item) -> WeChatHttp.json().readValue(item, MaterialItem.class))
				.toList();
			return new MaterialPage((int) page.total(), items.size(), items, null, freshness(syncedAt));
		});
	}

	/**
	 * One material from the index (a news material with its articles), or empty when the index does not hold it
	 * or the account's materials were never synced.
	 */
	public Optional<MaterialItem> material(TenantScope scope, String appId, String mediaId) {
		this.gate.admit(scope, appId, this.listMaterials);
		return materialsSyncedAt(appId).flatMap((syncedAt) -> this.store.material(appId, mediaId))
			.map((item) -> WeChatHttp.json().readValue(item, MaterialItem.class));
	}

	/** How many materials of each type the index holds, or empty before the account's first complete sync. */
	public Optional<MaterialCount> materialCount(TenantScope scope, String appId) {
		this.gate.admit(scope, appId, this.listMaterials);
		return materialsSyncedAt(appId).map((syncedAt) -> {
			Map<String, Long> counts = this.store.materialCounts(appId);
			return new MaterialCount(count(counts, "voice"), count(counts, "video"), count(counts, "image"),
					count(counts, "news"), freshness(syncedAt));
		});
	}

	/** Where the account's index stands; for any account the caller may see, whatever its status. */
	public SyncStatus status(TenantScope scope, String appId) {
		this.gate.visible(scope, appId);
		Optional<SyncState> state = this.store.state(appId);
		Counts counts = this.store.counts(appId);
		Instant now = this.clock.instant();
		return new SyncStatus(appId, state.map(SyncState::syncedAt).orElse(null),
				state.map(SyncState::lastRunAt).orElse(null),
				state.map(SyncState::lastOutcome).map(SyncOutcome::valueOf).orElse(null),
				state.map(SyncState::lastError).orElse(null), state.map(SyncState::lastCalls).orElse(0),
				state.map(SyncState::nextSyncAt).orElse(null),
				state.map(SyncState::leaseUntil).filter(now::isBefore).isPresent(), counts.posts(),
				counts.removedPosts(), counts.materials(), counts.removedMaterials());
	}

	private PostFilter filter(TenantScope scope, String appId, PostQuery query) {
		return new PostFilter(scope, indexScope(scope).tenantAccounts(), appId, query);
	}

	private IndexScope indexScope(TenantScope scope) {
		return new IndexScope(scope, scope.isPlatform() ? List.of() : this.store.authorizedAccounts(scope.tenantId()));
	}

	/**
	 * A search's text, stripped, or null for none.
	 * @throws IllegalArgumentException when it is longer than {@value PostQuery#MAX_QUERY_LENGTH} characters
	 */
	private static String searched(String q) {
		if (q != null && q.strip().length() > PostQuery.MAX_QUERY_LENGTH) {
			throw new IllegalArgumentException("q must be at most " + PostQuery.MAX_QUERY_LENGTH + " characters");
		}
		return (q == null || q.isBlank()) ? null : q.strip();
	}

	/** When the account's posts were last listed to the end, or empty: then the index cannot answer for them. */
	private Optional<Instant> postsSyncedAt(String appId) {
		return this.store.state(appId).map(SyncState::postsSyncedAt);
	}

	private Optional<Instant> materialsSyncedAt(String appId) {
		return this.store.state(appId).map(SyncState::materialsSyncedAt);
	}

	private static PublishedItem item(StoredPost post, boolean withContent, Map<String, Object> extra) {
		List<NewsItem> articles = articles(post.articlesJson());
		if (!withContent) {
			articles = articles.stream().map(NewsItem::withoutContent).toList();
		}
		return new PublishedItem(post.articleId(), new NewsContent(articles, null, null, Map.of()), post.updateTime(),
				extra);
	}

	private static List<NewsItem> articles(String json) {
		return WeChatHttp.json().readValue(json, ARTICLES);
	}

	private static Map<String, Object> freshness(Instant syncedAt) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("synced_at", syncedAt.toString());
		fields.put("source", "index");
		return fields;
	}

	/** A search's count stops at {@link ContentIndexStore#MAX_COUNTED}: {@code total_count_capped} says so. */
	private static Map<String, Object> counted(Map<String, Object> fields, Page<?> page) {
		if (page.capped()) {
			fields.put("total_count_capped", true);
		}
		return fields;
	}

	private static Integer count(Map<String, Long> counts, String type) {
		return counts.getOrDefault(type, 0L).intValue();
	}

}
