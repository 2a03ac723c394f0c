package io.atrium.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atrium.gateway.ResponseBodyStream;
import io.atrium.gateway.WeChatFile;
import io.atrium.gateway.WeChatGateway;
import io.atrium.outbound.CheckedDnsResolver.ForbiddenAddressException;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import io.atrium.wechat.WeChatErrorKind;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;

/**
 * A permanent material's own bytes ({@code material/get_material}), streamed: an image's or a voice's file as
 * WeChat answers it, a video's from the {@code down_url} WeChat answers for it, a news material's articles as
 * JSON. The account is checked first ({@link AccountGate}: scope, status, permission set 11 or 100), then the call
 * takes the gateway's path: the registry's {@code material-get} entry, the per-account limiter, the quota breaker,
 * the bounded retry and the token heal, counted with the account's other calls. The token never leaves Atrium: it
 * is in WeChat's URL only, and a video's {@code down_url} carries none.
 */
public class MaterialMedia implements DisposableBean {

	static final String GET_MATERIAL = "/cgi-bin/material/get_material";

	/** A media id is WeChat's opaque token: visible ASCII, a few dozen characters; anything else costs no call. */
	private static final Pattern MEDIA_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

	private final AccountGate gate;

	private final WeChatGateway gateway;

	private final WeChatApi api;

	private final CloseableHttpClient downloads;

	MaterialMedia(AccountGate gate, WeChatGateway gateway, WeChatApis apis, CloseableHttpClient downloads) {
		this.gate = gate;
		this.gateway = gateway;
		this.api = apis.find(GET_MATERIAL).orElseThrow(() -> new IllegalStateException("The registry does not list "
				+ GET_MATERIAL));
		this.downloads = downloads;
	}

	/**
	 * A material's file, to be closed after use on every path.
	 * @throws io.atrium.upstream.AccountNotFoundException if the account is unknown or not the caller's
	 * @throws WeChatApiException with kind {@link WeChatErrorKind#NOT_FOUND} for an unknown media id (40007)
	 */
	public MaterialFile open(TenantScope scope, String appId, String mediaId) {
		WeChatFile file = call(scope, appId, mediaId);
		try {
			if (!isJson(file.contentType())) {
				return new MaterialFile(file.contentType(), file.contentLength(), file.body());
			}
			JsonNode json = readJson(file);
			String downUrl = json.path("down_url").asString(null);
			if (downUrl == null) {
				// A news material: its articles, as small JSON.
				byte[] bytes = WeChatHttp.json().writeValueAsBytes(json);
				return new MaterialFile("application/json", bytes.length, new ByteArrayInputStream(bytes));
			}
			return download(downUrl);
		}
		catch (IOException ex) {
			closeQuietly(file);
			throw new WeChatUnavailableException(GET_MATERIAL, 0, ex.getClass().getSimpleName());
		}
		catch (RuntimeException ex) {
			closeQuietly(file);
			throw ex;
		}
	}

	/** A news material's articles, asked of WeChat ({@code get_material} answers {@code {"news_item":[..]}}). */
	public PublishedArticle news(TenantScope scope, String appId, String mediaId) {
		WeChatFile file = call(scope, appId, mediaId);
		try (file) {
			if (!isJson(file.contentType())) {
				throw new WeChatApiException(GET_MATERIAL, new WeChatError(40007, "not a news material"));
			}
			return WeChatHttp.json().treeToValue(readJson(file), PublishedArticle.class);
		}
		catch (IOException ex) {
			throw new WeChatUnavailableException(GET_MATERIAL, 0, ex.getClass().getSimpleName());
		}
	}

	private WeChatFile call(TenantScope scope, String appId, String mediaId) {
		this.gate.admit(scope, appId, this.api);
		if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
			throw new InvalidContentRequestException("mediaId", "mediaId must be 1 to 128 visible ASCII characters");
		}
		String body = WeChatHttp.json().createObjectNode().put("media_id", mediaId).toString();
		try {
			return this.gateway.callForFile(appId, GET_MATERIAL, body);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() == WeChatErrorKind.PERMISSION_DENIED) {
				throw new PermissionNotGrantedException(appId, this.api.permissionSets(), ex.error());
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new WeChatUnavailableException(GET_MATERIAL, 0, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WeChatUnavailableException(GET_MATERIAL, 0, "interrupted");
		}
	}

	/**
	 * A video's bytes from its {@code down_url}: a plain download without a token (WeChat's video CDN), only over
	 * http(s) to addresses the download client's resolver admits, never redirected, only a video type passed on.
	 */
	private MaterialFile download(String downUrl) throws IOException {
		URI uri;
		try {
			uri = URI.create(downUrl);
		}
		catch (IllegalArgumentException ex) {
			throw new WeChatUnavailableException(GET_MATERIAL, 0, "malformed down_url");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
				|| uri.getRawUserInfo() != null) {
			throw new WeChatUnavailableException(GET_MATERIAL, 0, "down_url is not an http(s) URL");
		}
		ClassicHttpResponse response;
		try {
			response = this.downloads.executeOpen(null, new HttpGet(uri), null);
		}
		catch (ForbiddenAddressException ex) {
			throw new WeChatUnavailableException(GET_MATERIAL, 0, "down_url leads to an address not fetched");
		}
		try {
			HttpEntity entity = response.getEntity();
			Header type = response.getFirstHeader("Content-Type");
			String contentType = (type != null) ? type.getValue() : null;
			if (response.getCode() != 200 || entity == null || contentType == null
					|| !contentType.toLowerCase(Locale.ROOT).startsWith("video/")) {
				throw new WeChatUnavailableException(GET_MATERIAL, response.getCode(), "down_url answered no video");
			}
			InputStream body = new ResponseBodyStream(entity.getContent(), response);
			return new MaterialFile(contentType, entity.getContentLength(), body);
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	private static JsonNode readJson(WeChatFile file) throws IOException {
		// WeChat's JSON answers here are small (a down_url, a news material's articles); bounded all the same.
		byte[] bytes = file.body().readNBytes(4 * 1024 * 1024);
		if (file.body().read() != -1) {
			throw new IOException("get_material answered more JSON than expected");
		}
		return WeChatHttp.json().readTree(new String(bytes, StandardCharsets.UTF_8));
	}

	private static boolean isJson(String contentType) {
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		return type.contains("json") || type.startsWith("text/plain");
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Dropped either way.
		}
	}

	@Override
	public void destroy() throws IOException {
		this.downloads.close();
	}

}
