package io.atrium.console.content;

import java.util.List;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.content.ContentViews.Article;
import io.atrium.console.content.ContentViews.Material;
import io.atrium.console.content.ContentViews.Paging;
import io.atrium.console.content.ContentViews.Post;
import io.atrium.content.ContentService;
import io.atrium.content.MaterialCount;
import io.atrium.content.MaterialPage;
import io.atrium.content.PublishedArticle;
import io.atrium.content.PublishedPage;
import io.atrium.upstream.TenantScope;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An account's content, for operators and the account's merchant: published posts, one post's articles (HTML
 * sanitized, images through the image proxy) and permanent materials by type. The account is looked up through
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

	private final ArticleSanitizer sanitizer;

	ContentPagesController(ConsoleAccess access, ContentService content, ArticleSanitizer sanitizer) {
		this.access = access;
		this.content = content;
		this.sanitizer = sanitizer;
	}

	@GetMapping("/posts")
	String posts(@PathVariable String appId, @RequestParam(defaultValue = "0") int offset, Model model) {
		OfficialAccount account = account(appId, model);
		int start = Math.max(0, offset);
		PublishedPage page = ContentProblem.attempt(
				() -> this.content.publishedPage(scope(), account.appId(), start, PAGE_SIZE, false),
				(problem) -> model.addAttribute("problem", problem));
		if (page != null) {
			model.addAttribute("posts", page.item().stream().map(Post::of).toList());
			model.addAttribute("paging",
					new Paging(start, PAGE_SIZE, (page.totalCount() != null) ? page.totalCount() : 0));
		}
		return "content/posts";
	}

	@GetMapping("/posts/{articleId}")
	String article(@PathVariable String appId, @PathVariable String articleId, Model model) {
		OfficialAccount account = account(appId, model);
		PublishedArticle article = ContentProblem.attempt(
				() -> this.content.publishedArticle(scope(), account.appId(), articleId),
				(problem) -> model.addAttribute("problem", problem));
		if (article != null) {
			model.addAttribute("articles",
					article.newsItem().stream().map((item) -> Article.of(item, this.sanitizer)).toList());
		}
		return "content/article";
	}

	@GetMapping("/materials")
	String materials(@PathVariable String appId, @RequestParam(defaultValue = "image") String type,
			@RequestParam(defaultValue = "0") int offset, Model model) {
		OfficialAccount account = account(appId, model);
		String shown = MATERIAL_TYPES.contains(type) ? type : "image";
		int start = Math.max(0, offset);
		model.addAttribute("type", shown);
		model.addAttribute("types", MATERIAL_TYPES);
		MaterialCount count = ContentProblem.attempt(() -> this.content.materialCount(scope(), account.appId()),
				(problem) -> model.addAttribute("problem", problem));
		if (count == null) {
			return "content/materials";
		}
		model.addAttribute("counts", count);
		MaterialPage page = ContentProblem.attempt(
				() -> this.content.materialPage(scope(), account.appId(), shown, start, PAGE_SIZE),
				(problem) -> model.addAttribute("problem", problem));
		if (page != null) {
			model.addAttribute("materials", page.item().stream().map((item) -> Material.of(shown, item)).toList());
			model.addAttribute("paging",
					new Paging(start, PAGE_SIZE, (page.totalCount() != null) ? page.totalCount() : 0));
		}
		return "content/materials";
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
