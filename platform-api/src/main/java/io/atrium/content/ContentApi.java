package io.atrium.content;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.atrium.wechat.WeChatJson;

/**
 * WeChat's content endpoints (protocol reference §2), called with the account's
 * {@code authorizer_access_token}. Lists come back as WeChat's bytes ({@link WeChatJson}), which the REST API passes
 * on. The token is the first argument of every method: the token decorator
 * ({@link TokenReplay}) replaces it for the one replay after a token error.
 */
@Headers("Content-Type: application/json")
interface ContentApi {

	@RequestLine("POST /cgi-bin/freepublish/batchget?access_token={token}")
	WeChatJson publishedPage(@Param(value = "token", expander = AccountToken.Expander.class) AccountToken token, PublishedPageRequest request);

	@RequestLine("POST /cgi-bin/freepublish/getarticle?access_token={token}")
	PublishedArticle publishedArticle(@Param(value = "token", expander = AccountToken.Expander.class) AccountToken token, ArticleRequest request);

	@RequestLine("POST /cgi-bin/material/batchget_material?access_token={token}")
	WeChatJson materialPage(@Param(value = "token", expander = AccountToken.Expander.class) AccountToken token, MaterialPageRequest request);

	@RequestLine("GET /cgi-bin/material/get_materialcount?access_token={token}")
	MaterialCount materialCount(@Param(value = "token", expander = AccountToken.Expander.class) AccountToken token);

	/** {@code no_content}: 1 leaves out each article's HTML body. */
	record PublishedPageRequest(int offset, int count, int noContent) {
	}

	record ArticleRequest(String articleId) {
	}

	record MaterialPageRequest(String type, int offset, int count) {
	}

}
