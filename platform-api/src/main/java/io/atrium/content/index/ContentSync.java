package io.atrium.content.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.atrium.content.ContentService;
import io.atrium.content.MaterialItem;
import io.atrium.content.MaterialPage;
import io.atrium.content.NewsItem;
import io.atrium.content.PublishedArticle;
import io.atrium.content.PublishedItem;
import io.atrium.content.PublishedPage;
import io.atrium.content.index.ContentIndexStore.MaterialRow;
import io.atrium.content.index.ContentIndexStore.PostRow;
import io.atrium.content.index.ContentIndexStore.PostVersion;
import io.atrium.content.index.ContentIndexStore.SyncState;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one account's sync, by the instance that leased it: lists the published posts
 * ({@code freepublish/batchget} with {@code no_content=1}), fetches {@code getarticle} only for posts that are new or
 * changed ({@code update_time}, or their deletion), then lists each type of permanent material; at the end of each
 * complete listing, what WeChat no longer lists is marked removed. Every call goes through the content API's own path
 * (limits, breakers, retries, token heal), and before each one the run checks its share of the day's calls. The
 * position is saved after every page: a run stopped by the quota, a limit, a failure or a crash resumes there (one
 * page back, in case posts published meanwhile moved the list).
 */
final class ContentSync {

	static final int PAGE = 20;

	static final String POSTS = "posts";

	/** The phases of a pass, in order: posts, then each material type. */
	static final List<String> PHASES = List.of(POSTS, "image", "video", "voice", "news");

	/** WeChat's answer to getarticle for a post that is gone (protocol reference §2.2). */
	private static final int ARTICLE_GONE = 53600;

	private static final Pattern TOKEN_PARAMETER = Pattern.compile("(access_token=)[^&\\s\"']*");

	private static final Logger logger = LoggerFactory.getLogger(ContentSync.class);

	private final ContentService content;

	private final ContentIndexStore store;

	private final UpstreamUsage usage;

	private final WeChatApis apis;

	private final ContentIndexProperties properties;

	private final Clock clock;

	private final WeChatApi listPosts;

	private final WeChatApi getArticle;

	private final WeChatApi listMaterials;

	ContentSync(ContentService content, ContentIndexStore store, UpstreamUsage usage, WeChatApis apis,
			ContentIndexProperties properties, Clock clock) {
		this.content = content;
		this.store = store;
		this.usage = usage;
		this.apis = apis;
		this.properties = properties;
		this.clock = clock;
		this.listPosts = apis.forPath("/cgi-bin/freepublish/batchget");
		this.getArticle = apis.forPath("/cgi-bin/freepublish/getarticle");
		this.listMaterials = apis.forPath("/cgi-bin/material/batchget_material");
	}

	/** Runs the account's sync, which {@code owner} has leased, and gives the lease up with the outcome. */
	SyncOutcome run(String appId, String owner) {
		SyncState state = this.store.state(appId).orElse(null);
		if (state == null) {
			return SyncOutcome.FAILED;
		}
		Run run = new Run(appId, owner, state);
		SyncOutcome outcome;
		Instant next;
		String error = null;
		try {
			run.pass();
			outcome = SyncOutcome.COMPLETE;
			next = nextTurn(appId, this.clock.instant());
		}
		catch (DailyShareSpent ex) {
			outcome = SyncOutcome.QUOTA_PAUSED;
			error = ex.getMessage();
			next = nextWeChatDay(appId);
		}
		catch (RateLimitedException ex) {
			boolean daily = ex.error() != null && ex.error().errcode() == 45009;
			outcome = daily ? SyncOutcome.QUOTA_PAUSED : SyncOutcome.RATE_LIMITED;
			error = ex.getMessage() + ((ex.error() != null) ? " (errcode " + ex.error().errcode() + ")" : "");
			// Never before the breaker or the bucket allows calls again: no call is spent on a certain refusal.
			next = this.clock.instant().plus(max(ex.retryAfter(), daily ? Duration.ofMinutes(1) : Duration.ofSeconds(5)));
		}
		catch (PermissionNotGrantedException | AccountNotAuthorizedException | AccountNotFoundException ex) {
			outcome = SyncOutcome.NOT_PERMITTED;
			error = ex.getMessage();
			next = nextTurn(appId, this.clock.instant());
		}
		catch (LeaseLost ex) {
			logger.warn("Content sync of {} stopped: its lease passed to another instance", appId);
			return SyncOutcome.FAILED;
		}
		catch (RuntimeException ex) {
			outcome = SyncOutcome.FAILED;
			error = ex.getClass().getSimpleName() + ": " + withoutToken(ex.getMessage());
			next = this.clock.instant().plus(this.properties.retryAfterFailure());
			logger.warn("Content sync of {} failed after {} calls, resumes in {}: {}", appId, run.calls,
					this.properties.retryAfterFailure(), error);
		}
		this.store.finish(appId, owner, outcome, this.clock.instant(), next, run.calls, error);
		return outcome;
	}

	/**
	 * The account's next turn on the schedule: at its own offset in the interval (from its appid), at least half an
	 * interval away, so that accounts spread over the day and a sync run on demand does not bring the next one close.
	 */
	Instant nextTurn(String appId, Instant now) {
		long interval = this.properties.interval().toSeconds();
		long offset = Math.floorMod(appId.hashCode(), interval);
		long earliest = now.getEpochSecond() + interval / 2;
		long turns = Math.floorDiv(earliest - offset + interval - 1, interval);
		return Instant.ofEpochSecond(turns * interval + offset);
	}

	/** After the day's share is spent: the next WeChat day, spread over its first hour. */
	private Instant nextWeChatDay(String appId) {
		return WeChatDay.nextReset(this.clock.instant()).plusSeconds(Math.floorMod(appId.hashCode(), 3600));
	}

	/** An HTTP client's message may quote the URL it called, and the URL carries the account's token. */
	static String withoutToken(String message) {
		return (message != null) ? TOKEN_PARAMETER.matcher(message).replaceAll("$1***") : null;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** One run's progress. */
	private final class Run {

		private final String appId;

		private final String owner;

		private final Instant passStartedAt;

		private final String resumePhase;

		private final int resumeOffset;

		private int passCalls;

		private int calls;

		private final Map<Api, Long> usedToday = new EnumMap<>(Api.class);

		Run(String appId, String owner, SyncState state) {
			this.appId = appId;
			this.owner = owner;
			boolean resuming = state.passStartedAt() != null && state.phase() != null;
			this.passStartedAt = resuming ? state.passStartedAt() : ContentSync.this.clock.instant();
			this.resumePhase = resuming ? state.phase() : POSTS;
			this.resumeOffset = resuming ? Math.max(0, state.phaseOffset() - PAGE) : 0;
			this.passCalls = resuming ? state.passCalls() : 0;
		}

		/**
		 * Every phase from where the last run stopped. An account that grants the posts' set but not the
		 * materials' (or the reverse) has the part it grants synced; one that grants neither is not permitted.
		 */
		void pass() {
			PermissionNotGrantedException refused = null;
			boolean synced = false;
			for (int i = PHASES.indexOf(this.resumePhase); i < PHASES.size(); i++) {
				String phase = PHASES.get(i);
				int offset = phase.equals(this.resumePhase) ? this.resumeOffset : 0;
				try {
					if (phase.equals(POSTS)) {
						posts(offset);
					}
					else {
						materials(phase, offset);
					}
					synced = true;
				}
				catch (PermissionNotGrantedException ex) {
					refused = ex;
				}
			}
			if (!synced && refused != null) {
				throw refused;
			}
		}

		private void posts(int start) {
			int offset = start;
			while (true) {
				spend(Api.LIST_POSTS);
				int at = offset;
				PublishedPage page = ContentSync.this.content.publishedPage(TenantScope.platform(), this.appId, at,
						PAGE, false);
				Instant seenAt = ContentSync.this.clock.instant();
				List<PublishedItem> items = page.item();
				Map<String, PostVersion> known = ContentSync.this.store.postVersions(this.appId,
						items.stream().map(PublishedItem::articleId).toList());
				List<String> unchanged = new ArrayList<>();
				for (PublishedItem item : items) {
					PostVersion version = known.get(item.articleId());
					long updateTime = (item.updateTime() != null) ? item.updateTime() : 0;
					if (version != null && version.updateTime() == updateTime
							&& version.deleted() == allDeleted(listed(item))) {
						unchanged.add(item.articleId());
						continue;
					}
					PublishedArticle article = article(item.articleId());
					if (article != null) {
						ContentSync.this.store.savePost(this.appId, row(item.articleId(), updateTime, article.newsItem()),
								seenAt);
					}
				}
				ContentSync.this.store.seenPosts(this.appId, unchanged, seenAt);
				offset += items.size();
				saveAt(POSTS, offset);
				if (items.isEmpty() || page.totalCount() == null || offset >= page.totalCount()) {
					break;
				}
			}
			ContentSync.this.store.removeUnseenPosts(this.appId, this.passStartedAt, ContentSync.this.clock.instant());
			ContentSync.this.store.listed(this.appId, this.owner, true, ContentSync.this.clock.instant());
		}

		private PublishedArticle article(String articleId) {
			spend(Api.GET_ARTICLE);
			try {
				return ContentSync.this.content.publishedArticle(TenantScope.platform(), this.appId, articleId);
			}
			catch (WeChatApiException ex) {
				if (ex.errcode() == ARTICLE_GONE) {
					// Deleted between the listing and now: not saved, and marked removed at the end of the pass.
					return null;
				}
				throw ex;
			}
		}

		private void materials(String type, int start) {
			int offset = start;
			while (true) {
				spend(Api.LIST_MATERIALS);
				MaterialPage page = ContentSync.this.content.materialPage(TenantScope.platform(), this.appId, type,
						offset, PAGE);
				List<MaterialRow> rows = page.item().stream().map(ContentSync::row).toList();
				ContentSync.this.store.saveMaterials(this.appId, type, rows, ContentSync.this.clock.instant());
				offset += page.item().size();
				saveAt(type, offset);
				if (page.item().isEmpty() || page.totalCount() == null || offset >= page.totalCount()) {
					break;
				}
			}
			ContentSync.this.store.removeUnseenMaterials(this.appId, type, this.passStartedAt,
					ContentSync.this.clock.instant());
			if (type.equals(PHASES.get(PHASES.size() - 1))) {
				ContentSync.this.store.listed(this.appId, this.owner, false, ContentSync.this.clock.instant());
			}
		}

		/**
		 * Before a call: the lease is still this instance's, and the account's calls of this API today (every
		 * caller's, all instances) stay within the sync's share of Atrium's daily limit.
		 */
		private void spend(Api api) {
			if (!ContentSync.this.store.renew(this.appId, this.owner, ContentSync.this.properties.lease())) {
				throw new LeaseLost();
			}
			WeChatApi endpoint = api.of(ContentSync.this);
			long share = (long) Math.floor(ContentSync.this.properties.quotaShare() * ContentSync.this.apis.perDay());
			long used = this.usedToday.computeIfAbsent(api, (key) -> Long.parseLong(ContentSync.this.usage
				.calls(this.appId, ContentSync.this.usage.today())
				.getOrDefault(endpoint.key(), "0")));
			if (used >= share) {
				throw new DailyShareSpent(this.appId + " made " + used + " calls of " + endpoint.path()
						+ " today; the sync's share is " + share);
			}
			this.usedToday.put(api, used + 1);
			this.calls++;
			this.passCalls++;
		}

		private void saveAt(String phase, int offset) {
			ContentSync.this.store.position(this.appId, this.owner, this.passStartedAt, phase, offset, this.passCalls);
		}

	}

	private static List<NewsItem> listed(PublishedItem item) {
		return (item.content() != null) ? item.content().newsItem() : List.of();
	}

	private static boolean allDeleted(List<NewsItem> articles) {
		return !articles.isEmpty() && articles.stream().allMatch((article) -> Boolean.TRUE.equals(article.isDeleted()));
	}

	static PostRow row(String articleId, long updateTime, List<NewsItem> articles) {
		NewsItem first = articles.isEmpty() ? null : articles.get(0);
		String searchText = SearchText.of(articles.stream()
			.flatMap((article) -> Stream.of(article.title(), article.author(), article.digest()))
			.toList());
		return new PostRow(articleId, updateTime, (first != null) ? text(first.title()) : "",
				WeChatHttp.json().writeValueAsString(articles), searchText, allDeleted(articles));
	}

	static MaterialRow row(MaterialItem item) {
		List<NewsItem> articles = (item.content() != null) ? item.content().newsItem() : List.of();
		String name = (item.name() != null) ? item.name() : articles.isEmpty() ? "" : text(articles.get(0).title());
		List<String> fields = new ArrayList<>(List.of(name, text(item.description())));
		articles.forEach((article) -> fields.addAll(Arrays.asList(article.title(), article.author(), article.digest())));
		String searchText = SearchText.of(fields);
		return new MaterialRow(item.mediaId(), (item.updateTime() != null) ? item.updateTime() : 0, name,
				WeChatHttp.json().writeValueAsString(item), searchText);
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	/** The three APIs a sync calls. */
	private enum Api {

		LIST_POSTS, GET_ARTICLE, LIST_MATERIALS;

		WeChatApi of(ContentSync sync) {
			return switch (this) {
				case LIST_POSTS -> sync.listPosts;
				case GET_ARTICLE -> sync.getArticle;
				case LIST_MATERIALS -> sync.listMaterials;
			};
		}

	}

	/** The sync's share of today's calls is spent. */
	static final class DailyShareSpent extends RuntimeException {

		DailyShareSpent(String message) {
			super(message, null, false, false);
		}

	}

	/** Another instance holds the account now (this one's lease expired). */
	static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super(null, null, false, false);
		}

	}

}
