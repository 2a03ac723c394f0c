package io.atrium.token.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import feign.Response;
import feign.codec.Decoder;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import io.atrium.wechat.WeChatJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes WeChat's JSON answers. WeChat reports errors with HTTP 200 and {@code {"errcode":N,"errmsg":".."}};
 * any non-zero {@code errcode} becomes a {@link WeChatApiException} naming the API, so callers never mistake an
 * error for an empty result. {@link WeChatJson} keeps the answer's bytes for passing it on unchanged.
 */
public final class WeChatDecoder implements Decoder {

	private final JsonMapper json;

	public WeChatDecoder(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Object decode(Response response, Type type) throws IOException {
		if (response.body() == null) {
			throw new IOException("WeChat answered HTTP " + response.status() + " without a body");
		}
		if (type == WeChatJson.class) {
			byte[] bytes;
			try (InputStream in = response.body().asInputStream()) {
				bytes = in.readAllBytes();
			}
			WeChatJson answer = WeChatJson.of(bytes);
			if (answer.error() != null) {
				throw new WeChatApiException(path(response), answer.error());
			}
			return answer;
		}
		JsonNode body;
		try (InputStream in = response.body().asInputStream()) {
			body = this.json.readTree(in);
		}
		JsonNode errcode = body.get("errcode");
		if (errcode != null && errcode.asInt() != 0) {
			JsonNode errmsg = body.get("errmsg");
			throw new WeChatApiException(path(response),
					new WeChatError(errcode.asInt(), (errmsg != null) ? errmsg.asString() : null));
		}
		if (type == JsonNode.class) {
			return body;
		}
		return this.json.treeToValue(body, this.json.constructType(type));
	}

	/** The API path without the query string, which holds the access token. */
	static String path(Response response) {
		String url = response.request().url();
		int query = url.indexOf('?');
		String withoutQuery = (query >= 0) ? url.substring(0, query) : url;
		int cgi = withoutQuery.indexOf("/cgi-bin/");
		return (cgi >= 0) ? withoutQuery.substring(cgi) : withoutQuery;
	}

}
