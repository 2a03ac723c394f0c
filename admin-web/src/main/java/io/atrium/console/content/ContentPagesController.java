package io.atrium.console.content;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.content.ContentViews.Article;
import io.atrium.console.content.ContentViews.Material;
import io.atrium.console.content.ContentViews.Post;
import io.atrium.console.web.Paging;
import io.atrium.content.ContentService;
import io.atrium.content.MaterialCount;
import io.atrium.content.MaterialMedia;
import io.atrium.content.MaterialPage;
import io.atrium.content.PublishedArticle;
import io.atrium.content.PublishedPage;
import io.atrium.content.index.ContentIndex;
import io.atrium.content.index.ContentSyncs;
import io.atrium.content.index.PostQuery;
import io.atrium.content.index.PostSort;
import io.atrium.upstream.TenantScope;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An account's content, for operators and the account's merchant: published posts (searchable by title, author,
 * digest and day), one post's articles (HTML sanitized, images through the image proxy) and permanent materials by
 * type, read from the content index (with when it was synced, and a button to sync now) or, before the account's
 * first sync, from WeChat. The account is looked up through
 * {@link ConsoleAccess} first (another tenant's is an audited 404); WeChat's refusals and outages are shown on the
 * page as a sentence.
 */
@Controller
@RequestMapping("/accounts/{appId}")
class ContentPagesController {

	static final int PAGE_SIZE = 10;

	static final List<String> MATERIAL_TYPES = List.of("image", "voice", "video", "news");

	private final ConsoleAccess access;

	private final ContentService content;

	private final ContentIndex index;

	private final ContentSyncs syncs;

	private final ArticleSanitizer sanitizer;

	private final MaterialMedia media;

	ContentPagesController(ConsoleAccess access, ContentService content, ContentIndex index, ContentSyncs syncs,
			ArticleSanitizer sanitizer, MaterialMedia media) {
		this.media = media;
		this.access = access;
		this.content = content;
		this.index = index;
		this.syncs = syncs;
		this.sanitizer = sanitizer;
	}

	@GetMapping("/posts")
	String posts(@PathVariable String appId, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(required = false) String q, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		OfficialAccount account = account(appId, model);
		PostQuery query = query(q, from, to, model);
		int start = Math.max(0, offset);
		model.addAttribute("sync", ContentProblem.attempt(() -> this.index.status(scope(), account.appId()),
				(problem) -> model.addAttribute("problem", problem)));
		model.addAttribute("query", query);
		model.addAttribute("pageBase", UriComponentsBuilder.fromPath("/accounts/{id}/posts")
			.queryParamIfPresent("q", Optional.ofNullable(query.q()))
			.queryParamIfPresent("from", Optional.ofNullable(query.from()))
			.queryParamIfPresent("to", Optional.ofNullable(query.to()))
			.buildAndExpand(account.appId())
			.encode()
			.toUriString());
		PublishedPage page = ContentProblem.attempt(() -> indexedOrLive(account.appId(), query, start),
				(problem) -> model.addAttribute("problem", problem));
		if (page != null) {
			int total = (page.totalCount() != null) ? page.totalCount() : 0;
			model.addAttribute("posts", page.item().stream().map(Post::of).toList());
			model.addAttribute("paging", new Paging(pageStart(start, total), PAGE_SIZE, total));
		}
		return "content/posts";
	}

	/** Syncs the account's content index as soon as possible; the posts page shows when it is done. */
	@PostMapping("/sync")
	String sync(@PathVariable String appId, RedirectAttributes redirect) {
		OfficialAccount account = this.access.account(appId);
		Boolean requested = ContentProblem.attempt(() -> {
			this.syncs.request(scope(), account.appId());
			return Boolean.TRUE;
		}, (problem) -> redirect.addFlashAttribute("problem", problem));
		if (requested != null) {
			redirect.addFlashAttribute("done", "content.sync.requested");
		}
		return "redirect:/accounts/" + account.appId() + "/posts";
	}

	@GetMapping("/posts/{articleId}")
	String article(@PathVariable String appId, @PathVariable String articleId, Model model,
			HttpServletResponse response) {
		OfficialAccount account = account(appId, model);
		PublishedArticle article = ContentProblem.attempt(
				() -> this.index.article(scope(), account.appId(), articleId)
					.orElseGet(() -> this.content.publishedArticle(scope(), account.appId(), articleId)),
				(problem) -> problem(problem, model, response));
		if (article != null) {
			model.addAttribute("articles",
					article.newsItem().stream().map((item) -> Article.of(item, this.sanitizer)).toList());
		}
		return "content/article";
	}

	/**
	 * A news (图文) material's articles: from the content index, or from WeChat ({@code get_material}) before the
	 * account's materials were first synced.
	 */
	@GetMapping("/materials/{mediaId}")
	String newsMaterial(@PathVariable String appId, @PathVariable String mediaId, Model model,
			HttpServletResponse response) {
		OfficialAccount account = account(appId, model);
		PublishedArticle news = ContentProblem.attempt(() -> this.index.material(scope(), account.appId(), mediaId)
			.map((item) -> new PublishedArticle((item.content() != null) ? item.content().newsItem() : List.of(),
					Map.of()))
			.orElseGet(() -> this.media.news(scope(), account.appId(), mediaId)),
				(problem) -> problem(problem, model, response));
		if (news != null) {
			model.addAttribute("articles",
					news.newsItem().stream().map((item) -> Article.of(item, this.sanitizer)).toList());
		}
		model.addAttribute("material", true);
		return "content/article";
	}

	/** The problem, said on the page; WeChat's "no such article or material" is also the page's status. */
	private static void problem(ContentProblem problem, Model model, HttpServletResponse response) {
		model.addAttribute("problem", problem);
		if (problem.equals(ContentProblem.NOT_FOUND)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	@GetMapping("/materials")
	String materials(@PathVariable String appId, @RequestParam(defaultValue = "image") String type,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int offset, Model model) {
		OfficialAccount account = account(appId, model);
		String shown = MATERIAL_TYPES.contains(type) ? type : "image";
		int start = Math.max(0, offset);
		String searched = (q == null || q.isBlank()) ? null : q.strip();
		if (searched != null && searched.length() > PostQuery.MAX_QUERY_LENGTH) {
			model.addAttribute("queryInvalid", true);
			searched = null;
		}
		model.addAttribute("type", shown);
		model.addAttribute("types", MATERIAL_TYPES);
		model.addAttribute("q", searched);
		model.addAttribute("pageBase", UriComponentsBuilder.fromPath("/accounts/{id}/materials")
			.queryParam("type", shown)
			.queryParamIfPresent("q", Optional.ofNullable(searched))
			.buildAndExpand(account.appId())
			.encode()
			.toUriString());
		MaterialCount count = ContentProblem.attempt(() -> this.index.materialCount(scope(), account.appId())
			.orElseGet(() -> this.content.materialCount(scope(), account.appId())),
				(problem) -> model.addAttribute("problem", problem));
		if (count == null) {
			return "content/materials";
		}
		model.addAttribute("counts", count);
		if (searched != null) {
			return searchMaterials(account, shown, searched, start, model);
		}
		Integer counted = switch (shown) {
			case "voice" -> count.voiceCount();
			case "video" -> count.videoCount();
			case "news" -> count.newsCount();
			default -> count.imageCount();
		};
		int total = (counted != null) ? counted : 0;
		// An offset past the end shows the last page, as the posts page does.
		int shownStart = pageStart(start, total);
		MaterialPage page = ContentProblem.attempt(
				() -> this.index.materials(scope(), account.appId(), shown, null, shownStart, PAGE_SIZE)
					.orElseGet(() -> this.content.materialPage(scope(), account.appId(), shown, shownStart,
							PAGE_SIZE)),
				(problem) -> model.addAttribute("problem", problem));
		if (page != null) {
			model.addAttribute("materials", page.item()
				.stream()
				.map((item) -> Material.of(account.appId(), shown, item))
				.toList());
			model.addAttribute("paging",
					new Paging(shownStart, PAGE_SIZE, (page.totalCount() != null) ? page.totalCount() : 0));
		}
		return "content/materials";
	}

	/**
	 * Materials of one type whose name or articles' titles, authors and digests hold the text: from the content
	 * index only (WeChat cannot search); before the account's materials were first synced, the page says so.
	 */
	private String searchMaterials(OfficialAccount account, String type, String q, int start, Model model) {
		Optional<MaterialPage> found = ContentProblem.attempt(
				() -> this.index.materials(scope(), account.appId(), type, q, start, PAGE_SIZE),
				(problem) -> model.addAttribute("problem", problem));
		if (found == null) {
			return "content/materials";
		}
		if (found.isEmpty()) {
			model.addAttribute("searchUnavailable", true);
			return "content/materials";
		}
		MaterialPage page = found.get();
		int total = (page.totalCount() != null) ? page.totalCount() : 0;
		if (page.item().isEmpty() && start > 0 && total > 0) {
			int last = pageStart(start, total);
			page = this.index.materials(scope(), account.appId(), type, q, last, PAGE_SIZE).orElse(page);
		}
		model.addAttribute("materials",
				page.item().stream().map((item) -> Material.of(account.appId(), type, item)).toList());
		model.addAttribute("paging", new Paging(pageStart(start, total), PAGE_SIZE, total));
		return "content/materials";
	}

	/**
	 * The page from the content index, or from WeChat before the account's first sync. An offset past the end
	 * shows the last page (a bookmark of a list that has since shrunk).
	 */
	private PublishedPage indexedOrLive(String appId, PostQuery query, int start) {
		Optional<PublishedPage> indexed = this.index.posts(scope(), appId, query, start, PAGE_SIZE, false);
		if (indexed.isPresent()) {
			PublishedPage page = indexed.get();
			int total = (page.totalCount() != null) ? page.totalCount() : 0;
			if (page.item().isEmpty() && start > 0 && total > 0) {
				return this.index.posts(scope(), appId, query, pageStart(start, total), PAGE_SIZE, false).orElse(page);
			}
			return page;
		}
		if (query.filters()) {
			return new PublishedPage(0, 0, List.of(), null, Map.of());
		}
		return this.content.publishedPage(scope(), appId, start, PAGE_SIZE, false);
	}

	/** The offset of the page shown: the last page's when the asked one is past the end. */
	private static int pageStart(int start, int total) {
		if (total == 0 || start < total) {
			return start;
		}
		return ((total - 1) / PAGE_SIZE) * PAGE_SIZE;
	}

	private static PostQuery query(String q, String from, String to, Model model) {
		try {
			return new PostQuery(q, day(from), day(to), PostSort.NEWEST);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			model.addAttribute("queryInvalid", true);
			return PostQuery.ALL;
		}
	}

	private static LocalDate day(String value) {
		return (value == null || value.isBlank()) ? null : LocalDate.parse(value.strip());
	}

	private OfficialAccount account(String appId, Model model) {
		OfficialAccount account = this.access.account(appId);
		model.addAttribute("account", account);
		return account;
	}

	private TenantScope scope() {
		return this.access.scope();
	}

}
