package io.atrium.content.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.atrium.content.ContentCursor;
import io.atrium.content.ContentService;
import io.atrium.content.InvalidContentRequestException;
import io.atrium.content.MaterialCount;
import io.atrium.content.MaterialPage;
import io.atrium.content.PublishedArticle;
import io.atrium.content.PublishedPage;
import io.atrium.content.index.ContentIndex;
import io.atrium.content.index.ContentSyncs;
import io.atrium.content.index.PostQuery;
import io.atrium.content.index.PostSort;
import io.atrium.content.index.SyncStatus;
import io.atrium.upstream.TenantScope;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The content API, {@code /api/v1}. Lists and articles come from the content index by default, with
 * {@code synced_at} (how fresh they are) and {@code source: index}; {@code ?source=live} asks WeChat instead, as does
 * any read of an account whose first sync has not completed. Answers carry WeChat's own (snake_case) field names,
 * including fields WeChat adds later; live lists are WeChat's answer byte for byte with {@code next_cursor} added
 * until the last page. Errors: {@code ContentProblems}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class ContentController {

	private final ContentService content;

	private final ContentIndex index;

	private final ContentSyncs syncs;

	ContentController(ContentService content, ContentIndex index, ContentSyncs syncs) {
		this.content = content;
		this.index = index;
		this.syncs = syncs;
	}

	@GetMapping("/accounts")
	List<AccountView> accounts(@AuthenticationPrincipal TenantScope scope) {
		return this.content.accounts(scope).stream().map(AccountView::of).toList();
	}

	@GetMapping("/accounts/{appid}/articles")
	Object articles(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "20") int count,
			@RequestParam(defaultValue = "true") boolean withContent, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String source, @RequestParam(required = false) String q,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort) {
		if (live(source)) {
			return (cursor != null) ? this.content.publishedPageJson(scope, appid, cursor)
					: this.content.publishedPageJson(scope, appid, offset, count, withContent);
		}
		PostQuery query = query(q, from, to, sort);
		if (cursor != null) {
			ContentCursor next = this.content.cursor(scope, appid, ContentCursor.ARTICLES, cursor);
			offset = next.offset();
			count = next.count();
			withContent = Boolean.parseBoolean(next.qualifier());
		}
		ContentService.validatePage(offset, count);
		Optional<PublishedPage> page = this.index.posts(scope, appid, query, offset, count, withContent);
		if (page.isEmpty()) {
			if (query.filters()) {
				throw new InvalidContentRequestException("q",
						"the account's content index is not ready yet: search works once its first sync completes");
			}
			return this.content.publishedPageJson(scope, appid, offset, count, withContent);
		}
		PublishedPage found = page.get();
		// A cursor names offset, size and withContent; a search pages by offset (total_count says how far).
		String nextCursor = query.filters() ? null : this.content.nextCursor(ContentCursor.ARTICLES, appid, offset,
				count, Boolean.toString(withContent), found.itemCount(), found.totalCount());
		return new PublishedPage(found.totalCount(), found.itemCount(), found.item(), nextCursor, found.unknownFields());
	}

	@GetMapping("/accounts/{appid}/articles/{articleId}")
	PublishedArticle article(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@PathVariable String articleId, @RequestParam(required = false) String source) {
		if (!live(source)) {
			Optional<PublishedArticle> indexed = this.index.article(scope, appid, articleId);
			if (indexed.isPresent()) {
				return indexed.get();
			}
		}
		return this.content.publishedArticle(scope, appid, articleId);
	}

	/** Posts of every account the key may see, searched in the index. */
	@GetMapping("/articles")
	PublishedPage search(@AuthenticationPrincipal TenantScope scope, @RequestParam(required = false) String q,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "20") int count, @RequestParam(defaultValue = "false") boolean withContent) {
		ContentService.validatePage(offset, count);
		return this.index.search(scope, query(q, from, to, sort), offset, count, withContent);
	}

	/**
	 * Materials of every account the key sees, from the content index: searched by name and by a news material's
	 * titles, authors and digests, of one type or all, newest first, each with its {@code appid} and {@code type}.
	 */
	@GetMapping("/materials")
	MaterialPage searchMaterials(@AuthenticationPrincipal TenantScope scope, @RequestParam(required = false) String q,
			@RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "20") int count) {
		if (type != null) {
			ContentService.requireMaterialType(type);
		}
		ContentService.validatePage(offset, count);
		try {
			return this.index.searchMaterials(scope, type, q, offset, count);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContentRequestException("q", ex.getMessage());
		}
	}

	@GetMapping("/accounts/{appid}/materials")
	Object materials(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "20") int count, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String source, @RequestParam(required = false) String q) {
		if (live(source)) {
			return (cursor != null) ? this.content.materialPageJson(scope, appid, cursor)
					: this.content.materialPageJson(scope, appid, type, offset, count);
		}
		if (cursor != null) {
			ContentCursor next = this.content.cursor(scope, appid, ContentCursor.MATERIALS, cursor);
			type = next.qualifier();
			offset = next.offset();
			count = next.count();
		}
		ContentService.requireMaterialType(type);
		ContentService.validatePage(offset, count);
		Optional<MaterialPage> page;
		try {
			page = this.index.materials(scope, appid, type, q, offset, count);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContentRequestException("q", ex.getMessage());
		}
		if (page.isEmpty()) {
			if (q != null && !q.isBlank()) {
				throw new InvalidContentRequestException("q",
						"the account's content index is not ready yet: search works once its first sync completes");
			}
			return this.content.materialPageJson(scope, appid, type, offset, count);
		}
		MaterialPage found = page.get();
		String nextCursor = (q != null && !q.isBlank()) ? null : this.content.nextCursor(ContentCursor.MATERIALS, appid,
				offset, count, type, found.itemCount(), found.totalCount());
		return new MaterialPage(found.totalCount(), found.itemCount(), found.item(), nextCursor, found.unknownFields());
	}

	@GetMapping("/accounts/{appid}/materials/count")
	MaterialCount materialCount(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@RequestParam(required = false) String source) {
		if (!live(source)) {
			Optional<MaterialCount> indexed = this.index.materialCount(scope, appid);
			if (indexed.isPresent()) {
				return indexed.get();
			}
		}
		return this.content.materialCount(scope, appid);
	}

	@GetMapping("/accounts/{appid}/sync")
	SyncStatus syncStatus(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid) {
		return this.index.status(scope, appid);
	}

	/** Syncs the account's index as soon as possible (within seconds); answers where it stands. */
	@PostMapping("/accounts/{appid}/sync")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SyncStatus sync(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid) {
		this.syncs.request(scope, appid);
		return this.index.status(scope, appid);
	}

	private static boolean live(String source) {
		if (source == null || source.equals("index")) {
			return false;
		}
		if (source.equals("live")) {
			return true;
		}
		throw new InvalidContentRequestException("source", "source must be index or live");
	}

	private static PostQuery query(String q, String from, String to, String sort) {
		try {
			return new PostQuery(q, day("from", from), day("to", to), PostSort.of(sort));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContentRequestException(parameterOf(ex.getMessage()), ex.getMessage());
		}
	}

	private static LocalDate day(String parameter, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidContentRequestException(parameter, parameter + " must be a date like 2026-01-31");
		}
	}

	/** The parameter a refusal's message starts with ("q must...", "to must...", "sort must..."). */
	private static String parameterOf(String message) {
		int space = message.indexOf(' ');
		return (space > 0) ? message.substring(0, space) : "q";
	}

}
