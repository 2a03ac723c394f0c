package io.atrium.content.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The content index's tables ({@code content_post}, {@code content_material}, {@code content_sync}). Leases are
 * taken and checked in the database's own time ({@code now()}), so that instances whose clocks disagree never both
 * hold an account; everything else is in the application's time.
 */
@Repository
class ContentIndexStore {

	/** A search counts this many matches at most. */
	static final int MAX_COUNTED = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	ContentIndexStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	// The sync's own bookkeeping

	/** Gives every authorized account without one a sync row, due at once: a new account is synced on its next tick. */
	int addNewAccounts(Instant now) {
		return this.jdbc.sql("""
				insert into content_sync (appid, next_sync_at)
				select a.appid, :now from official_account a
				where a.status = 'AUTHORIZED' and not exists (select 1 from content_sync s where s.appid = a.appid)
				on conflict (appid) do nothing""")
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Leases up to {@code limit} authorized accounts that are due and held by no one, earliest due first. */
	List<String> claimDue(Instant now, String owner, Duration lease, int limit) {
		return this.jdbc.sql("""
				update content_sync s set lease_owner = :owner, lease_until = now() + make_interval(secs => :lease)
				where s.appid in (
					select c.appid from content_sync c join official_account a on a.appid = c.appid
					where a.status = 'AUTHORIZED' and c.next_sync_at <= :now
					and (c.lease_until is null or c.lease_until < now())
					order by c.next_sync_at limit :limit
					for update of c skip locked)
				returning s.appid""")
			.param("owner", owner)
			.param("lease", lease.toSeconds())
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	/** Leases one account, due or not, unless another instance holds it. */
	boolean claim(String appId, String owner, Duration lease) {
		return this.jdbc.sql("""
				update content_sync set lease_owner = :owner, lease_until = now() + make_interval(secs => :lease)
				where appid = :appid and (lease_until is null or lease_until < now())""")
			.param("owner", owner)
			.param("lease", lease.toSeconds())
			.param("appid", appId)
			.update() == 1;
	}

	/** Extends the lease; false when this owner no longer holds it (it expired and another instance took it). */
	boolean renew(String appId, String owner, Duration lease) {
		return this.jdbc.sql("""
				update content_sync set lease_until = now() + make_interval(secs => :lease)
				where appid = :appid and lease_owner = :owner and lease_until >= now()""")
			.param("lease", lease.toSeconds())
			.param("appid", appId)
			.param("owner", owner)
			.update() == 1;
	}

	/** Makes the account due at {@code at} unless it is due sooner (an event, a button, a new authorization). */
	void due(String appId, Instant at) {
		this.jdbc.sql("""
				insert into content_sync (appid, next_sync_at) values (:appid, :at)
				on conflict (appid) do update set next_sync_at = least(content_sync.next_sync_at, excluded.next_sync_at)""")
			.param("appid", appId)
			.param("at", Timestamp.from(at))
			.update();
	}

	Optional<SyncState> state(String appId) {
		return this.jdbc.sql("select * from content_sync where appid = :appid")
			.param("appid", appId)
			.query(ContentIndexStore::state)
			.optional();
	}

	/** Where the running pass stands, after each page, so that a pause or a crash resumes there. */
	void position(String appId, String owner, Instant passStartedAt, String phase, int offset, int passCalls) {
		this.jdbc.sql("""
				update content_sync set pass_started_at = :passStartedAt, phase = :phase, phase_offset = :offset,
				pass_calls = :passCalls where appid = :appid and lease_owner = :owner""")
			.param("passStartedAt", Timestamp.from(passStartedAt))
			.param("phase", phase)
			.param("offset", offset)
			.param("passCalls", passCalls)
			.param("appid", appId)
			.param("owner", owner)
			.update();
	}

	/** A list ({@code posts} or {@code materials}) was read to its end: the index may answer for it. */
	void listed(String appId, String owner, boolean posts, Instant now) {
		this.jdbc.sql("update content_sync set " + (posts ? "posts_synced_at" : "materials_synced_at")
				+ " = :now where appid = :appid and lease_owner = :owner")
			.param("now", Timestamp.from(now))
			.param("appid", appId)
			.param("owner", owner)
			.update();
	}

	/**
	 * Ends a run and gives the lease up. A complete pass clears the position and sets {@code synced_at}; any other
	 * outcome keeps the position for the next run.
	 */
	void finish(String appId, String owner, SyncOutcome outcome, Instant now, Instant next, int calls, String error) {
		boolean complete = outcome == SyncOutcome.COMPLETE;
		this.jdbc.sql("""
				update content_sync set lease_owner = null, lease_until = null, next_sync_at = :next,
				last_run_at = :now, last_outcome = :outcome, last_calls = :calls, last_error = :error,
				synced_at = case when :complete then :now else synced_at end,
				pass_started_at = case when :complete then null else pass_started_at end,
				phase = case when :complete then null else phase end,
				phase_offset = case when :complete then 0 else phase_offset end,
				pass_calls = case when :complete then 0 else pass_calls end
				where appid = :appid and lease_owner = :owner""")
			.param("next", Timestamp.from(next))
			.param("now", Timestamp.from(now))
			.param("outcome", outcome.name())
			.param("calls", calls)
			.param("error", (error != null && error.length() > 300) ? error.substring(0, 300) : error, Types.VARCHAR)
			.param("complete", complete)
			.param("appid", appId)
			.param("owner", owner)
			.update();
	}

	// Posts

	/** What the index holds of these posts: their {@code update_time} and whether all their articles are deleted. */
	Map<String, PostVersion> postVersions(String appId, Collection<String> articleIds) {
		if (articleIds.isEmpty()) {
			return Map.of();
		}
		Map<String, PostVersion> versions = new HashMap<>();
		this.jdbc.sql("select article_id, update_time, deleted from content_post where appid = :appid "
				+ "and article_id in (:ids)")
			.param("appid", appId)
			.param("ids", articleIds)
			.query((rs, row) -> versions.put(rs.getString("article_id"),
					new PostVersion(rs.getLong("update_time"), rs.getBoolean("deleted"))))
			.list();
		return versions;
	}

	void savePost(String appId, PostRow post, Instant seenAt) {
		this.jdbc.sql("""
				insert into content_post (appid, article_id, update_time, title, search_text, grams, deleted, seen_at)
				values (:appid, :articleId, :updateTime, :title, :searchText, cast(:grams as text[]), :deleted, :seenAt)
				on conflict (appid, article_id) do update set update_time = excluded.update_time,
					title = excluded.title, search_text = excluded.search_text, grams = excluded.grams,
					deleted = excluded.deleted, seen_at = excluded.seen_at, removed_at = null""")
			.param("appid", appId)
			.param("articleId", post.articleId())
			.param("updateTime", post.updateTime())
			.param("title", post.title())
			.param("searchText", post.searchText())
			.param("grams", SearchText.array(SearchText.grams(post.searchText())))
			.param("deleted", post.deleted())
			.param("seenAt", Timestamp.from(seenAt))
			.update();
		this.jdbc.sql("""
				insert into content_post_body (appid, article_id, articles) values (:appid, :articleId,
					cast(:articles as jsonb))
				on conflict (appid, article_id) do update set articles = excluded.articles""")
			.param("appid", appId)
			.param("articleId", post.articleId())
			.param("articles", post.articlesJson())
			.update();
	}

	/** Posts listed again unchanged: seen in this pass (and listed again, if they had gone). */
	void seenPosts(String appId, Collection<String> articleIds, Instant seenAt) {
		if (articleIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("update content_post set seen_at = :seenAt, removed_at = null where appid = :appid "
				+ "and article_id in (:ids)")
			.param("seenAt", Timestamp.from(seenAt))
			.param("appid", appId)
			.param("ids", articleIds)
			.update();
	}

	/** At the end of a complete listing: posts WeChat no longer lists are marked removed, never deleted. */
	int removeUnseenPosts(String appId, Instant passStartedAt, Instant now) {
		return this.jdbc.sql("update content_post set removed_at = :now where appid = :appid "
				+ "and seen_at < :passStartedAt and removed_at is null")
			.param("now", Timestamp.from(now))
			.param("appid", appId)
			.param("passStartedAt", Timestamp.from(passStartedAt))
			.update();
	}

	// Materials

	void saveMaterials(String appId, String type, List<MaterialRow> materials, Instant seenAt) {
		for (MaterialRow material : materials) {
			this.jdbc.sql("""
					insert into content_material (appid, media_id, type, update_time, name, item, search_text, grams,
						seen_at)
					values (:appid, :mediaId, :type, :updateTime, :name, cast(:item as jsonb), :searchText,
						cast(:grams as text[]), :seenAt)
					on conflict (appid, media_id) do update set type = excluded.type,
						update_time = excluded.update_time, name = excluded.name, item = excluded.item,
						search_text = excluded.search_text, grams = excluded.grams, seen_at = excluded.seen_at,
						removed_at = null""")
				.param("appid", appId)
				.param("mediaId", material.mediaId())
				.param("type", type)
				.param("updateTime", material.updateTime())
				.param("name", material.name())
				.param("item", material.itemJson())
				.param("searchText", material.searchText())
				.param("grams", SearchText.array(SearchText.grams(material.searchText())))
				.param("seenAt", Timestamp.from(seenAt))
				.update();
		}
	}

	int removeUnseenMaterials(String appId, String type, Instant passStartedAt, Instant now) {
		return this.jdbc.sql("update content_material set removed_at = :now where appid = :appid and type = :type "
				+ "and seen_at < :passStartedAt and removed_at is null")
			.param("now", Timestamp.from(now))
			.param("appid", appId)
			.param("type", type)
			.param("passStartedAt", Timestamp.from(passStartedAt))
			.update();
	}

	// Reads

	/**
	 * Posts in the index that WeChat still lists, matching the filter, in the given order. A search counts at most
	 * {@value #MAX_COUNTED} matches (the page says so): an exact count of a common word across every account would
	 * cost more than the page.
	 */
	Page<StoredPost> posts(PostFilter filter, int offset, int count, PostSort sort) {
		return planned(() -> readPosts(filter, offset, count, sort));
	}

	/**
	 * A list's queries planned for their own values. The driver prepares a statement on the server after a few
	 * uses, and PostgreSQL may then plan it once for any values: for a substring it cannot see, that generic plan
	 * read a whole index (300 ms where the query's own plan took 4).
	 */
	private <T> T planned(Supplier<T> reads) {
		return this.readOnly.execute((status) -> {
			this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			return reads.get();
		});
	}

	private Page<StoredPost> readPosts(PostFilter filter, int offset, int count, PostSort sort) {
		Where where = filter.where();
		boolean search = filter.query().q() != null;
		String counted = "select 1 from " + where.sql() + (search ? " limit " + (MAX_COUNTED + 1) : "");
		long total = where.bind(this.jdbc.sql("select count(*) from (" + counted + ") matches"))
			.query(Long.class)
			.single();
		// Few matches: take them all (from the GIN index) and sort them. Many: walk the posts in order until the page
		// is full. Left to itself the planner mixes the two up: it walked every post in order for a rare word, and
		// gathered and sorted tens of thousands of matches for a common one. A tenant's posts are walked account by
		// account (each through its own index, as far as the page reaches) and merged: walked in the platform's
		// order, a tenant whose posts are older than most read nearly every post first (877 ms against 6).
		Where walk = (search && total > MAX_COUNTED) ? filter.where(false) : where;
		String columns = "p.appid, p.article_id, p.update_time, p.title, p.deleted";
		String page;
		if (search && total <= MAX_COUNTED) {
			page = "with matches as materialized (select " + columns + " from " + where.sql()
					+ "), page as (select * from matches p order by " + sort.orderBy() + " limit :count offset :offset)";
		}
		else if (filter.tenantWide()) {
			page = "with page as (select p.* from unnest(cast(:tenantAccounts as text[])) a(appid) cross join lateral "
					+ "(select " + columns + " from " + walk.sql() + " and p.appid = a.appid order by " + sort.orderBy()
					+ " limit :count + :offset) p order by " + sort.orderBy() + " limit :count offset :offset)";
		}
		else {
			page = "with page as (select " + columns + " from " + walk.sql() + " order by " + sort.orderBy()
					+ " limit :count offset :offset)";
		}
		List<StoredPost> items = walk.bind(this.jdbc.sql(page + " select p.appid, p.article_id, p.update_time, "
				+ "b.articles::text as articles, p.deleted, (select s.posts_synced_at from content_sync s "
				+ "where s.appid = p.appid) as synced_at from page p join content_post_body b on b.appid = p.appid "
				+ "and b.article_id = p.article_id order by " + sort.orderBy()))
			.param("count", count)
			.param("offset", offset)
			.query(ContentIndexStore::post)
			.list();
		return new Page<>(Math.min(total, MAX_COUNTED), items, total > MAX_COUNTED);
	}

	/**
	 * Materials of every account a scope sees, of one type or all, matching the text, newest first. Counted up to
	 * {@value #MAX_COUNTED}, like a posts search.
	 */
	Page<StoredMaterial> searchMaterials(IndexScope scope, String type, String q, int offset, int count) {
		return planned(() -> readMaterialSearch(scope, type, q, offset, count));
	}

	private Page<StoredMaterial> readMaterialSearch(IndexScope scope, String type, String q, int offset, int count) {
		List<String> terms = new ArrayList<>(List.of("m.removed_at is null"));
		Map<String, Object> params = new LinkedHashMap<>();
		scope.constrain("m", terms, params);
		if (type != null) {
			terms.add("m.type = :type");
			params.put("type", type);
		}
		Where where = new Where("content_material m where " + String.join(" and ", terms), params).matching("m", q);
		long total = where.bind(this.jdbc.sql("select count(*) from (select 1 from " + where.sql() + " limit "
				+ (MAX_COUNTED + 1) + ") matches")).query(Long.class).single();
		List<StoredMaterial> items = where.bind(this.jdbc.sql("select m.appid, m.type, m.item::text as item, "
				+ "(select s.materials_synced_at from content_sync s where s.appid = m.appid) as synced_at from "
				+ where.sql() + " order by m.update_time desc, m.appid, m.media_id limit :count offset :offset"))
			.param("count", count)
			.param("offset", offset)
			.query((rs, row) -> new StoredMaterial(rs.getString("appid"), rs.getString("type"), rs.getString("item"),
					instant(rs, "synced_at")))
			.list();
		return new Page<>(Math.min(total, MAX_COUNTED), items, total > MAX_COUNTED);
	}

	/** The tenant's authorized accounts, whose posts its searches read. */
	List<String> authorizedAccounts(long tenantId) {
		return this.jdbc.sql("select appid from official_account where tenant_id = :tenantId and status = 'AUTHORIZED'")
			.param("tenantId", tenantId)
			.query(String.class)
			.list();
	}

	Optional<StoredPost> post(String appId, String articleId) {
		return this.jdbc.sql("select p.appid, p.article_id, p.update_time, b.articles::text as articles, p.deleted, "
				+ "s.posts_synced_at as synced_at from content_post p join content_post_body b on b.appid = p.appid "
				+ "and b.article_id = p.article_id left join content_sync s on s.appid = p.appid "
				+ "where p.appid = :appid and p.article_id = :articleId")
			.param("appid", appId)
			.param("articleId", articleId)
			.query(ContentIndexStore::post)
			.optional();
	}

	/** One listed material's item as WeChat listed it, or empty when the index does not hold it. */
	Optional<String> material(String appId, String mediaId) {
		return this.jdbc
			.sql("select item::text from content_material where appid = :appid and media_id = :mediaId "
					+ "and removed_at is null")
			.param("appid", appId)
			.param("mediaId", mediaId)
			.query(String.class)
			.optional();
	}

	Page<String> materials(String appId, String type, String q, int offset, int count) {
		return planned(() -> readMaterials(appId, type, q, offset, count));
	}

	private Page<String> readMaterials(String appId, String type, String q, int offset, int count) {
		Where where = new Where("content_material m where m.appid = :appid and m.type = :type and m.removed_at is null",
				Map.of("appid", appId, "type", type)).matching("m", q);
		long total = where.bind(this.jdbc.sql("select count(*) from " + where.sql())).query(Long.class).single();
		List<String> items = where.bind(this.jdbc.sql("select m.item::text from " + where.sql()
				+ " order by m.update_time desc, m.media_id limit :count offset :offset"))
			.param("count", count)
			.param("offset", offset)
			.query(String.class)
			.list();
		return new Page<>(total, items, false);
	}

	Map<String, Long> materialCounts(String appId) {
		return this.jdbc.sql("select type, count(*) as n from content_material where appid = :appid "
				+ "and removed_at is null group by type")
			.param("appid", appId)
			.query((rs, row) -> Map.entry(rs.getString("type"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Posts and materials the index holds for the account (still listed, and removed). */
	Counts counts(String appId) {
		return this.jdbc.sql("""
				select (select count(*) from content_post where appid = :appid and removed_at is null) as posts,
				(select count(*) from content_post where appid = :appid and removed_at is not null) as removed_posts,
				(select count(*) from content_material where appid = :appid and removed_at is null) as materials,
				(select count(*) from content_material where appid = :appid and removed_at is not null)
					as removed_materials""")
			.param("appid", appId)
			.query((rs, row) -> new Counts(rs.getLong("posts"), rs.getLong("removed_posts"), rs.getLong("materials"),
					rs.getLong("removed_materials")))
			.single();
	}

	private static StoredPost post(ResultSet rs, int row) throws SQLException {
		return new StoredPost(rs.getString("appid"), rs.getString("article_id"), rs.getLong("update_time"),
				rs.getString("articles"), rs.getBoolean("deleted"), instant(rs, "synced_at"));
	}

	private static SyncState state(ResultSet rs, int row) throws SQLException {
		return new SyncState(rs.getString("appid"), instant(rs, "next_sync_at"), instant(rs, "lease_until"),
				instant(rs, "pass_started_at"), rs.getString("phase"), rs.getInt("phase_offset"),
				rs.getInt("pass_calls"), instant(rs, "synced_at"), instant(rs, "posts_synced_at"),
				instant(rs, "materials_synced_at"), instant(rs, "last_run_at"),
				rs.getString("last_outcome"), rs.getInt("last_calls"), rs.getString("last_error"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record PostVersion(long updateTime, boolean deleted) {
	}

	/** A post as the index stores it: what it is searched and sorted by, and getarticle's articles as JSON. */
	record PostRow(String articleId, long updateTime, String title, String articlesJson, String searchText,
			boolean deleted) {
	}

	record MaterialRow(String mediaId, long updateTime, String name, String itemJson, String searchText) {
	}

	record StoredPost(String appId, String articleId, long updateTime, String articlesJson, boolean deleted,
			Instant syncedAt) {
	}

	/** A material as the index stores it: its account, type and batchget_material item as JSON. */
	record StoredMaterial(String appId, String type, String itemJson, Instant syncedAt) {
	}

	/** A page of rows, and how many match ({@code capped}: at least that many). */
	record Page<T>(long total, List<T> items, boolean capped) {
	}

	record Counts(long posts, long removedPosts, long materials, long removedMaterials) {
	}

	/** The sync row as stored. */
	record SyncState(String appId, Instant nextSyncAt, Instant leaseUntil, Instant passStartedAt, String phase,
			int phaseOffset, int passCalls, Instant syncedAt, Instant postsSyncedAt, Instant materialsSyncedAt,
			Instant lastRunAt, String lastOutcome, int lastCalls, String lastError) {
	}

	/** What a query reads: tables after {@code from}, a where clause, and its parameters. */
	record Where(String sql, Map<String, Object> params) {

		/**
		 * This clause and a substring of the rows' {@code search_text}: LIKE, after the GIN index of their
		 * {@code grams} narrowed them to rows holding every pair of the query (a one-character query has none).
		 */
		Where matching(String alias, String q) {
			return matching(alias, q, true);
		}

		Where matching(String alias, String q, boolean byPairs) {
			if (q == null) {
				return this;
			}
			Map<String, Object> more = new LinkedHashMap<>(this.params);
			more.put("q", SearchText.like(q));
			String sql = this.sql + " and " + alias + ".search_text like :q escape '\\'";
			Set<String> grams = SearchText.grams(q);
			if (byPairs && !grams.isEmpty()) {
				more.put("grams", SearchText.array(grams));
				sql += " and " + alias + ".grams @> cast(:grams as text[])";
			}
			return new Where(sql, more);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			JdbcClient.StatementSpec bound = statement;
			for (Map.Entry<String, Object> param : this.params.entrySet()) {
				bound = bound.param(param.getKey(), param.getValue());
			}
			return bound;
		}

	}

}
