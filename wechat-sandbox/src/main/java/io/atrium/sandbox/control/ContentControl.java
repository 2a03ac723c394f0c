package io.atrium.sandbox.control;

import io.atrium.sandbox.SandboxClock;
import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.business.AccountContents;
import io.atrium.sandbox.content.AccountContent;
import io.atrium.sandbox.content.Publication;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.ok;

/**
 * What a merchant does to its content in WeChat's own editor, so that a platform's sync can be tested against
 * change: {@code POST /sandbox/accounts/{appid}/posts} publishes a post, {@code PUT .../posts/{articleId}} changes
 * its title (its {@code update_time} moves), {@code DELETE .../posts/{articleId}} deletes it
 * ({@code freepublish/delete}), {@code DELETE .../materials/{mediaId}} deletes a permanent material. Times are the
 * sandbox clock's.
 */
final class ContentControl {

	private final MerchantAccounts accounts;

	private final AccountContents contents;

	private final SandboxClock clock;

	ContentControl(MerchantAccounts accounts, AccountContents contents, SandboxClock clock) {
		this.accounts = accounts;
		this.contents = contents;
		this.clock = clock;
	}

	void register(Router router) {
		router.add("POST", "/sandbox/accounts/{appid}/posts", this::publish);
		router.add("PUT", "/sandbox/accounts/{appid}/posts/{articleId}", this::retitle);
		router.add("DELETE", "/sandbox/accounts/{appid}/posts/{articleId}", this::withdraw);
		router.add("DELETE", "/sandbox/accounts/{appid}/materials/{mediaId}", this::removeMaterial);
	}

	private Reply publish(Request request) {
		ControlBody body = ControlBody.of(request);
		String title = title(body);
		Publication publication = content(request).publish(title, body.string("author"), body.string("digest"),
				this.clock.epochSecond());
		return Json.reply(201, publicationJson(publication));
	}

	private Reply retitle(Request request) {
		String title = title(ControlBody.of(request));
		String articleId = request.pathParam("articleId");
		return content(request).retitle(articleId, title, this.clock.epochSecond())
			.map((publication) -> ok(publicationJson(publication)))
			.orElseThrow(() -> ControlException.notFound("no post " + articleId));
	}

	private Reply withdraw(Request request) {
		String articleId = request.pathParam("articleId");
		if (!content(request).withdraw(articleId)) {
			throw ControlException.notFound("no post " + articleId);
		}
		ObjectNode answer = Json.object();
		answer.put("articleId", articleId);
		answer.put("deleted", true);
		return ok(answer);
	}

	private Reply removeMaterial(Request request) {
		String mediaId = request.pathParam("mediaId");
		if (!content(request).removeMaterial(mediaId)) {
			throw ControlException.notFound("no material " + mediaId);
		}
		ObjectNode answer = Json.object();
		answer.put("mediaId", mediaId);
		answer.put("deleted", true);
		return ok(answer);
	}

	private AccountContent content(Request request) {
		String appid = request.pathParam("appid");
		MerchantAccount account = this.accounts.find(appid)
			.orElseThrow(() -> ControlException.notFound("no account " + appid));
		return this.contents.of(account);
	}

	private static String title(ControlBody body) {
		String title = body.string("title");
		if (title == null || title.isBlank() || title.length() > 64) {
			throw ControlException.badRequest("title is required, at most 64 characters");
		}
		return title;
	}

	private static ObjectNode publicationJson(Publication publication) {
		ObjectNode answer = Json.object();
		answer.put("articleId", publication.articleId());
		answer.put("updateTime", publication.updateTime());
		answer.put("title", publication.articles().get(0).title());
		return answer;
	}

}
