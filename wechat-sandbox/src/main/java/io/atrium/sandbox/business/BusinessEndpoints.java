package io.atrium.sandbox.business;

import java.util.Map;

import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.Credentials;
import io.atrium.sandbox.content.ContentResponses;
import io.atrium.sandbox.content.ImageRenderer;
import io.atrium.sandbox.content.MaterialType;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatBody;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.Quotas;

/**
 * The content APIs called with an authorizer access token (protocol reference §2). Check order: injected fault,
 * token (41001, 40001, 42001, 61003 for a cancelled authorization), permission set (61007), verification for
 * freepublish (48001), quota (45009, 45011; every call that gets this far counts), parameters (44002, 47001, 40097;
 * 40007 for a material type none of image, voice, video, news, as the material seed's example has it), data (53600).
 */
public final class BusinessEndpoints {

	private static final int MAX_COUNT = 20;

	private final ApiCalls calls;

	private final Quotas quotas;

	private final Credentials credentials;

	private final MerchantAccounts accounts;

	private final AccountContents contents;

	private final WeChatReplies replies;

	private final String publicBaseUrl;

	private final ImageRenderer images = new ImageRenderer();

	public BusinessEndpoints(ApiCalls calls, Quotas quotas, Credentials credentials, MerchantAccounts accounts,
			AccountContents contents, WeChatReplies replies, String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
		this.calls = calls;
		this.quotas = quotas;
		this.credentials = credentials;
		this.accounts = accounts;
		this.contents = contents;
		this.replies = replies;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.FREEPUBLISH_BATCHGET.path(), this::freepublishBatchget);
		router.add("POST", ApiEndpoint.FREEPUBLISH_GETARTICLE.path(), this::freepublishGetarticle);
		router.add("POST", ApiEndpoint.MATERIAL_BATCHGET.path(), this::batchgetMaterial);
		router.add("GET", ApiEndpoint.MATERIAL_COUNT.path(), this::materialCount);
		router.add("POST", ApiEndpoint.MATERIAL_GET.path(), this::getMaterial);
	}

	/**
	 * {@code material/get_material} with {@code {"media_id":".."}}: the file (image, voice) with WeChat's
	 * {@code Content-disposition}, or JSON (video's {@code down_url}, news' articles); 40007 for an unknown id.
	 */
	private Reply getMaterial(Request request) throws Exception {
		return run(ApiEndpoint.MATERIAL_GET, request, (account) -> {
			String mediaId = WeChatBody.parse(request).string("media_id");
			if (mediaId == null || mediaId.isEmpty()) {
				throw WeChatError.INVALID_MEDIA_ID.exception();
			}
			ContentResponses.MaterialAnswer answer = ContentResponses
				.getMaterial(this.contents.of(account), mediaId, this.images, this.publicBaseUrl)
				.orElseThrow(WeChatError.INVALID_MEDIA_ID::exception);
			if (answer.json() != null) {
				return this.replies.data(answer.json());
			}
			return new Reply(200, answer.contentType(), answer.bytes(),
					Map.of("Content-disposition", "attachment; filename=\"" + answer.filename() + "\""));
		});
	}

	private Reply freepublishBatchget(Request request) throws Exception {
		return run(ApiEndpoint.FREEPUBLISH_BATCHGET, request, (account) -> {
			WeChatBody body = WeChatBody.parse(request);
			int offset = offset(body);
			int count = count(body);
			Integer noContent = body.integer("no_content");
			if (noContent != null && noContent != 0 && noContent != 1) {
				throw WeChatError.INVALID_ARGS.exception();
			}
			return this.replies.data(ContentResponses.freepublishBatchget(this.contents.of(account), offset, count,
					noContent != null && noContent == 1));
		});
	}

	private Reply freepublishGetarticle(Request request) throws Exception {
		return run(ApiEndpoint.FREEPUBLISH_GETARTICLE, request, (account) -> {
			WeChatBody body = WeChatBody.parse(request);
			String articleId = body.string("article_id");
			if (articleId == null || articleId.isEmpty()) {
				throw WeChatError.INVALID_ARGS.exception();
			}
			return this.replies.data(ContentResponses.freepublishGetarticle(this.contents.of(account), articleId)
				.orElseThrow(WeChatError.INVALID_ARTICLE_ID::exception));
		});
	}

	private Reply batchgetMaterial(Request request) throws Exception {
		return run(ApiEndpoint.MATERIAL_BATCHGET, request, (account) -> {
			WeChatBody body = WeChatBody.parse(request);
			// The seed's example error for an invalid type is 40007 (its errmsg says media_id).
			MaterialType type = MaterialType.fromWire(body.string("type"))
				.orElseThrow(WeChatError.INVALID_MEDIA_ID::exception);
			int offset = offset(body);
			int count = count(body);
			return this.replies
				.data(ContentResponses.batchgetMaterial(this.contents.of(account), type, offset, count));
		});
	}

	private Reply materialCount(Request request) throws Exception {
		return run(ApiEndpoint.MATERIAL_COUNT, request,
				(account) -> this.replies.data(ContentResponses.materialCount(this.contents.of(account))));
	}

	/** The checks every content call makes before its own parameters. */
	private Reply run(ApiEndpoint endpoint, Request request, Work work) throws Exception {
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token),
				request, (call) -> work.answer(authorize(endpoint, token)));
	}

	private MerchantAccount authorize(ApiEndpoint endpoint, String token) {
		Authorization authorization = this.credentials.checkAuthorizerToken(token);
		if (!authorization.grantsAny(endpoint.permissionSets())) {
			throw WeChatError.API_UNAUTHORIZED_TO_COMPONENT.exception();
		}
		String owner = authorization.appid();
		MerchantAccount account = this.accounts.find(owner).orElseThrow(WeChatError.SYSTEM_ERROR::exception);
		boolean freepublish = endpoint == ApiEndpoint.FREEPUBLISH_BATCHGET
				|| endpoint == ApiEndpoint.FREEPUBLISH_GETARTICLE;
		if (freepublish && !account.verified()) {
			throw WeChatError.API_UNAUTHORIZED.exception();
		}
		this.quotas.consume(owner, endpoint);
		return account;
	}

	private static int offset(WeChatBody body) {
		Integer offset = body.integer("offset");
		if (offset == null || offset < 0) {
			throw WeChatError.INVALID_ARGS.exception();
		}
		return offset;
	}

	private static int count(WeChatBody body) {
		Integer count = body.integer("count");
		if (count == null || count < 1 || count > MAX_COUNT) {
			throw WeChatError.INVALID_ARGS.exception();
		}
		return count;
	}

	@FunctionalInterface
	private interface Work {

		Reply answer(MerchantAccount account) throws Exception;

	}

}
