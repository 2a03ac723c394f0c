package io.atrium.content;

import java.util.List;

import io.atrium.upstream.TenantScope;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The content API, {@code /api/v1}. Answers carry WeChat's own (snake_case) field names, including fields
 * WeChat adds later; lists are WeChat's answer byte for byte with {@code next_cursor} added until the last page.
 * Errors: {@link ContentProblems}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class ContentController {

	private final ContentService content;

	ContentController(ContentService content) {
		this.content = content;
	}

	@GetMapping("/accounts")
	List<AccountView> accounts(@AuthenticationPrincipal TenantScope scope) {
		return this.content.accounts(scope).stream().map(AccountView::of).toList();
	}

	@GetMapping("/accounts/{appid}/articles")
	byte[] articles(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "20") int count,
			@RequestParam(defaultValue = "true") boolean withContent, @RequestParam(required = false) String cursor) {
		if (cursor != null) {
			return this.content.publishedPageJson(scope, appid, cursor);
		}
		return this.content.publishedPageJson(scope, appid, offset, count, withContent);
	}

	@GetMapping("/accounts/{appid}/articles/{articleId}")
	PublishedArticle article(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@PathVariable String articleId) {
		return this.content.publishedArticle(scope, appid, articleId);
	}

	@GetMapping("/accounts/{appid}/materials")
	byte[] materials(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid,
			@RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "20") int count, @RequestParam(required = false) String cursor) {
		if (cursor != null) {
			return this.content.materialPageJson(scope, appid, cursor);
		}
		return this.content.materialPageJson(scope, appid, type, offset, count);
	}

	@GetMapping("/accounts/{appid}/materials/count")
	MaterialCount materialCount(@AuthenticationPrincipal TenantScope scope, @PathVariable String appid) {
		return this.content.materialCount(scope, appid);
	}

}
