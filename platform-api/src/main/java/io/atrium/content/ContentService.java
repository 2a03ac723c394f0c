package io.atrium.content;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.gateway.WeChatGateway;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import io.atrium.wechat.WeChatJson;

import org.springframework.stereotype.Service;

/**
 * A merchant's published articles and permanent materials. Before any call to WeChat ({@link AccountGate}): the
 * account exists and is the caller's (else {@link AccountNotFoundException}), is {@link AccountStatus#AUTHORIZED} (else
 * {@link io.atrium.token.authorizer.AccountNotAuthorizedException}), holds the API's permission set (else
 * {@link PermissionNotGrantedException}) and the parameters are valid (else
 * {@link InvalidContentRequestException}): no quota is spent on a request that was bound to fail.
 */
@Service
public class ContentService {

	/** WeChat's page size limits (protocol reference §2.1, §2.3). */
	static final int MIN_COUNT = 1;

	static final int MAX_COUNT = 20;

	static final Set<String> MATERIAL_TYPES = Set.of("image", "video", "voice", "news");

	/**
	 * An article id is an opaque token of WeChat's, a few dozen URL-safe characters; anything longer, or with
	 * spaces or control characters, is refused before it can spend quota.
	 */
	static final int MAX_ARTICLE_ID_LENGTH = 128;

	private static final String PUBLISHED_PAGE = "/cgi-bin/freepublish/batchget";

	private static final String PUBLISHED_ARTICLE = "/cgi-bin/freepublish/getarticle";

	private static final String MATERIAL_PAGE = "/cgi-bin/material/batchget_material";

	private static final String MATERIAL_COUNT = "/cgi-bin/material/get_materialcount";

	private static final Pattern ARTICLE_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_ARTICLE_ID_LENGTH + "}");

	private final OfficialAccountRepository accounts;

	private final AccountGate gate;

	private final WeChatGateway wechat;

	private final ContentCursors cursors;

	private final WeChatApi publishedPageApi;

	private final WeChatApi publishedArticleApi;

	private final WeChatApi materialPageApi;

	private final WeChatApi materialCountApi;

	ContentService(OfficialAccountRepository accounts, AccountGate gate, WeChatGateway wechat, ContentCursors cursors,
			WeChatApis apis) {
		this.accounts = accounts;
		this.gate = gate;
		this.wechat = wechat;
		this.cursors = cursors;
		this.publishedPageApi = listed(apis, PUBLISHED_PAGE);
		this.publishedArticleApi = listed(apis, PUBLISHED_ARTICLE);
		this.materialPageApi = listed(apis, MATERIAL_PAGE);
		this.materialCountApi = listed(apis, MATERIAL_COUNT);
	}

	/** The registry's entries of the four APIs this service calls. */
	static Set<WeChatApi> contentApis(WeChatApis apis) {
		return Set.of(listed(apis, PUBLISHED_PAGE), listed(apis, PUBLISHED_ARTICLE), listed(apis, MATERIAL_PAGE),
				listed(apis, MATERIAL_COUNT));
	}

	private static WeChatApi listed(WeChatApis apis, String path) {
		return apis.find(path).orElseThrow(() -> new IllegalStateException("The registry does not list " + path));
	}

	/** The accounts the caller may see, with status and permission sets; no call to WeChat. */
	public List<OfficialAccount> accounts(TenantScope scope) {
		if (scope.isPlatform()) {
			return this.accounts.findAll();
		}
		return this.accounts.findByTenant(scope.tenantId()).stream().filter(scope::includes).toList();
	}

	/** {@code freepublish/batchget}: one page of published posts, with the cursor of the next. */
	public PublishedPage publishedPage(TenantScope scope, String appId, int offset, int count, boolean withContent) {
		return read(publishedPageJson(scope, appId, offset, count, withContent), PublishedPage.class);
	}

	/** The page a cursor of {@link #publishedPage} names; the account is checked before the cursor. */
	public PublishedPage publishedPage(TenantScope scope, String appId, String cursor) {
		return read(publishedPageJson(scope, appId, cursor), PublishedPage.class);
	}

	/**
	 * {@link #publishedPage} as the REST API answers it: WeChat's bytes unchanged, {@code next_cursor} added at the
	 * end unless it is the last page.
	 */
	public byte[] publishedPageJson(TenantScope scope, String appId, int offset, int count, boolean withContent) {
		gate(scope, appId, this.publishedPageApi);
		return publishedPageJson(appId, offset, count, withContent);
	}

	/** {@link #publishedPageJson} of the page a cursor names. */
	public byte[] publishedPageJson(TenantScope scope, String appId, String cursor) {
		gate(scope, appId, this.publishedPageApi);
		ContentCursor next = this.cursors.read(cursor, ContentCursor.ARTICLES, appId);
		return publishedPageJson(appId, next.offset(), next.count(), Boolean.parseBoolean(next.qualifier()));
	}

	private byte[] publishedPageJson(String appId, int offset, int count, boolean withContent) {
		validatePage(offset, count);
		WeChatJson page = upstream(appId, this.publishedPageApi,
				new PublishedPageRequest(offset, count, withContent ? 0 : 1));
		return withNextCursor(page, this.cursors.next(ContentCursor.ARTICLES, appId, offset, count,
				Boolean.toString(withContent), page.intNumber("item_count"), page.intNumber("total_count")));
	}

	/** {@code freepublish/getarticle}: one published post's articles. */
	public PublishedArticle publishedArticle(TenantScope scope, String appId, String articleId) {
		gate(scope, appId, this.publishedArticleApi);
		if (articleId == null || articleId.isBlank()) {
			throw new InvalidContentRequestException("articleId", "articleId must not be empty");
		}
		if (!ARTICLE_ID.matcher(articleId).matches()) {
			throw new InvalidContentRequestException("articleId", "articleId must be at most " + MAX_ARTICLE_ID_LENGTH
					+ " visible ASCII characters, as WeChat's article ids are");
		}
		return read(upstream(appId, this.publishedArticleApi, new ArticleRequest(articleId)).bytes(),
				PublishedArticle.class);
	}

	/** {@code material/batchget_material}: one page of permanent materials of a type, with the next cursor. */
	public MaterialPage materialPage(TenantScope scope, String appId, String type, int offset, int count) {
		return read(materialPageJson(scope, appId, type, offset, count), MaterialPage.class);
	}

	/** The page a cursor of {@link #materialPage} names; the account is checked before the cursor. */
	public MaterialPage materialPage(TenantScope scope, String appId, String cursor) {
		return read(materialPageJson(scope, appId, cursor), MaterialPage.class);
	}

	/** {@link #materialPage} as the REST API answers it, like {@link #publishedPageJson}. */
	public byte[] materialPageJson(TenantScope scope, String appId, String type, int offset, int count) {
		gate(scope, appId, this.materialPageApi);
		return materialPageJson(appId, type, offset, count);
	}

	/** {@link #materialPageJson} of the page a cursor names. */
	public byte[] materialPageJson(TenantScope scope, String appId, String cursor) {
		gate(scope, appId, this.materialPageApi);
		ContentCursor next = this.cursors.read(cursor, ContentCursor.MATERIALS, appId);
		return materialPageJson(appId, next.qualifier(), next.offset(), next.count());
	}

	private byte[] materialPageJson(String appId, String type, int offset, int count) {
		requireMaterialType(type);
		validatePage(offset, count);
		WeChatJson page = upstream(appId, this.materialPageApi, new MaterialPageRequest(type, offset, count));
		return withNextCursor(page, this.cursors.next(ContentCursor.MATERIALS, appId, offset, count, type,
				page.intNumber("item_count"), page.intNumber("total_count")));
	}

	/** {@code material/get_materialcount}. */
	public MaterialCount materialCount(TenantScope scope, String appId) {
		gate(scope, appId, this.materialCountApi);
		return read(upstream(appId, this.materialCountApi, null).bytes(), MaterialCount.class);
	}

	/**
	 * The page a cursor of the account's list names ({@link ContentCursor#ARTICLES} or
	 * {@link ContentCursor#MATERIALS}), for a page the content index answers; the account is checked before the
	 * cursor, as for a live page.
	 */
	public ContentCursor cursor(TenantScope scope, String appId, String list, String cursor) {
		gate(scope, appId, ContentCursor.ARTICLES.equals(list) ? this.publishedPageApi : this.materialPageApi);
		return this.cursors.read(cursor, list, appId);
	}

	/** The cursor after a page of the account's list, or null when it was the last; as live pages carry. */
	public String nextCursor(String list, String appId, int offset, int count, String qualifier, Integer itemCount,
			Integer totalCount) {
		return this.cursors.next(list, appId, offset, count, qualifier, itemCount, totalCount);
	}

	/**
	 * The gate before any upstream call. Parameters are checked by the callers right after, still before the
	 * call and before the token is fetched.
	 */
	private void gate(TenantScope scope, String appId, WeChatApi api) {
		this.gate.admit(scope, appId, api);
	}

	/**
	 * Calls WeChat for the account through the gateway's policy (limits, breakers, retries, the token heal): one
	 * Redis round trip admits each attempt and reads the token. WeChat's answer stays its bytes.
	 * @param request the JSON body's fields (snake_case on the wire), or null for a GET
	 */
	private WeChatJson upstream(String appId, WeChatApi endpoint, Object request) {
		byte[] body = (request != null) ? WeChatHttp.json().writeValueAsBytes(request) : new byte[0];
		try {
			return this.wechat.callForJson(appId, endpoint.path(), body);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() == WeChatErrorKind.PERMISSION_DENIED) {
				throw new PermissionNotGrantedException(appId, endpoint.permissionSets(), ex.error());
			}
			throw ex;
		}
	}

	private static byte[] withNextCursor(WeChatJson page, String nextCursor) {
		return (nextCursor != null) ? page.withField("next_cursor", nextCursor) : page.bytes();
	}

	/** A page for the console: WeChat's fields by name, unknown ones kept. */
	private static <T> T read(byte[] json, Class<T> type) {
		return WeChatHttp.json().readValue(json, type);
	}

	/** {@code freepublish/batchget}'s body; {@code no_content}: 1 leaves out each article's HTML body. */
	private record PublishedPageRequest(int offset, int count, int noContent) {
	}

	/** {@code freepublish/getarticle}'s body. */
	private record ArticleRequest(String articleId) {
	}

	/** {@code material/batchget_material}'s body. */
	private record MaterialPageRequest(String type, int offset, int count) {
	}

	/**
	 * @throws InvalidContentRequestException unless the type is one of WeChat's four
	 */
	public static void requireMaterialType(String type) {
		if (type == null || !MATERIAL_TYPES.contains(type)) {
			throw new InvalidContentRequestException("type", "type must be one of image, video, voice, news");
		}
	}

	/**
	 * @throws InvalidContentRequestException unless the count is WeChat's 1 to 20 and the offset is not negative
	 */
	public static void validatePage(int offset, int count) {
		if (count < MIN_COUNT || count > MAX_COUNT) {
			throw new InvalidContentRequestException("count", "count must be between 1 and 20, was " + count);
		}
		if (offset < 0) {
			throw new InvalidContentRequestException("offset", "offset must be 0 or more, was " + offset);
		}
	}

}
