package io.atrium.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.atrium.apikey.WeChatPathAllowList;
import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.wechat.WeChatHttp;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.UpstreamMetrics;
import io.atrium.upstream.UpstreamProperties;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatError;
import io.atrium.wechat.WeChatErrorKind;
import io.atrium.wechat.WeChatJson;
import io.github.resilience4j.core.IntervalFunction;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Forwards any authorizer API call to WeChat with the account's token, under the same per-account policy as the
 * content API: the caller's path allow-list, the account gate (scope, status, permission sets from the registry),
 * the quota breaker, the shared rate limit per attempt, retries of transient faults for calls the registry marks
 * retryable, and on a token error (40001/40014/42001) the invalidate-if-same heal with one replay.
 * <p>
 * Bodies pass byte for byte both ways. WeChat's answer is looked into only when it is small JSON (an error is a few
 * dozen bytes): a larger answer, or a file, streams through unread. A body too large to hold streams to WeChat and
 * cannot be replayed: when WeChat refuses its token, Atrium heals the token and answers WeChat's "system busy"
 * (-1), which every SDK retries, instead of a token error an SDK would try to heal itself.
 */
public final class WeChatGateway {

	/** WeChat's errors are small; an answer above this is data and is not parsed. */
	static final int ERROR_PEEK = 4096;

	private final WeChatApis apis;

	private final AccountGate gate;

	private final AuthorizerTokenManager tokens;

	private final AccountRateLimiter limiter;

	private final QuotaBreaker breaker;

	private final UpstreamUsage usage;

	private final UpstreamMetrics metrics;

	private final UpstreamProperties properties;

	private final IntervalFunction backoff;

	private final CloseableHttpClient http;

	private final String baseUrl;

	private final Clock clock;

	WeChatGateway(WeChatApis apis, AccountGate gate, AuthorizerTokenManager tokens, AccountRateLimiter limiter,
			QuotaBreaker breaker, UpstreamUsage usage, UpstreamMetrics metrics, UpstreamProperties properties,
			WeChatComponentProperties wechat, Clock clock) {
		this.metrics = metrics;
		this.apis = apis;
		this.gate = gate;
		this.tokens = tokens;
		this.limiter = limiter;
		this.breaker = breaker;
		this.usage = usage;
		this.properties = properties;
		UpstreamProperties.Retry retry = properties.retry();
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), retry.multiplier(),
				retry.jitter(), retry.maxBackoff());
		this.http = WeChatHttp.pooledClient(properties.connectTimeout(), properties.readTimeout());
		this.baseUrl = wechat.apiBaseUrl().replaceAll("/+$", "");
		this.clock = clock;
	}

	/**
	 * Checks and forwards one call. Everything refused before WeChat is an exception (the callers answer it in their
	 * own shape); what WeChat answered comes back as it was.
	 * @throws GatewayRefusedException for a path the gateway does not forward or the key may not call
	 * @throws io.atrium.upstream.RateLimitedException for Atrium's own limit or an open quota breaker
	 * @throws WeChatUnavailableException when WeChat gave no usable answer within the retries
	 */
	UpstreamAnswer forward(GatewayCall call) throws IOException, InterruptedException {
		String path = call.path();
		if (!path.startsWith("/") || path.contains("//") || path.contains("/..") || path.contains("/.")
				|| !this.apis.forwardable(path)) {
			throw new GatewayRefusedException(GatewayRefusedException.Reason.NOT_FORWARDED, path);
		}
		if (!WeChatPathAllowList.of(call.key()).allows(path)) {
			throw new GatewayRefusedException(GatewayRefusedException.Reason.NOT_ALLOWED, path);
		}
		WeChatApi api = this.apis.forPath(path);
		this.gate.admit(call.key().scope(), call.appId(), api);
		return exchange(call, api);
	}

	/**
	 * One of Atrium's own calls for an account the caller already checked (quota figures, a rid's details): a small
	 * JSON body to a listed API, under the same per-account policy, its answer read as a tree.
	 * @throws WeChatApiException for WeChat's error answer
	 * @throws WeChatUnavailableException when WeChat gave no usable answer within the retries
	 */
	public JsonNode callJson(String appId, String path, String jsonBody) {
		return GatewayJson.read(callForJson(appId, path, jsonBody.getBytes(StandardCharsets.UTF_8)).bytes());
	}

	/**
	 * One of Atrium's own calls for an account the caller already checked (the content API's pages, articles and
	 * counts): a JSON body (empty for a GET) to a listed API, under the same per-account policy as every gateway
	 * call, WeChat's JSON answer kept as its bytes, which the REST API passes on unchanged.
	 * @throws WeChatApiException for WeChat's error answer
	 * @throws io.atrium.upstream.RateLimitedException for Atrium's own limit, an open quota breaker, or WeChat's
	 * quota error (which opened the breaker)
	 * @throws WeChatUnavailableException when WeChat gave no usable answer within the retries, or one that is not
	 * a JSON object
	 */
	public WeChatJson callForJson(String appId, String path, byte[] jsonBody) {
		WeChatApi api = this.apis.find(path).orElseThrow(() -> new IllegalArgumentException("Not listed: " + path));
		try (UpstreamAnswer answer = exchange(new GatewayCall(null, appId, api.method(), path, "", "application/json",
				RequestBody.of(new ByteArrayInputStream(jsonBody), jsonBody.length)), api)) {
			if (answer.status() != 200) {
				throw new WeChatUnavailableException(path, answer.status(), "HTTP " + answer.status());
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			answer.writeTo(bytes);
			WeChatJson json = jsonObject(path, bytes.toByteArray());
			if (json.error() != null) {
				WeChatApiException error = new WeChatApiException(path, json.error());
				if (error.kind() == WeChatErrorKind.DAILY_QUOTA_EXCEEDED
						|| error.kind() == WeChatErrorKind.MINUTE_QUOTA_EXCEEDED) {
					// The exchange opened the breaker: answered as Atrium's own refusal, with when to come back.
					throw this.breaker.refusal(appId, api, error);
				}
				throw error;
			}
			return json;
		}
		catch (IOException ex) {
			throw new WeChatUnavailableException(path, 0, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WeChatUnavailableException(path, 0, "interrupted");
		}
	}

	/**
	 * One of Atrium's own calls that may answer a file (a permanent material's bytes), for an account the caller
	 * already checked, under the same per-account policy as {@link #callJson}. The answer streams: nothing is held
	 * beyond the few bytes read to look for an {@code errcode}.
	 * @throws WeChatApiException for WeChat's error answer
	 * @throws WeChatUnavailableException when WeChat gave no usable answer within the retries
	 */
	public WeChatFile callForFile(String appId, String path, String jsonBody) throws IOException, InterruptedException {
		WeChatApi api = this.apis.find(path).orElseThrow(() -> new IllegalArgumentException("Not listed: " + path));
		byte[] json = jsonBody.getBytes(StandardCharsets.UTF_8);
		UpstreamAnswer answer = exchange(new GatewayCall(null, appId, api.method(), path, "", "application/json",
				RequestBody.of(new ByteArrayInputStream(json), json.length)), api);
		try {
			WeChatError error = errorOf(answer);
			if (error != null) {
				throw new WeChatApiException(path, error);
			}
			if (answer.status() != 200) {
				throw new WeChatUnavailableException(path, answer.status(), "HTTP " + answer.status());
			}
			String length = answer.headers().get("Content-Length");
			InputStream head = new ByteArrayInputStream(answer.head());
			InputStream body = (answer.rest() != null) ? new SequenceInputStream(head, answer.rest()) : head;
			return new WeChatFile(answer.headers().get("Content-Type"), (length != null) ? parseLength(length) : -1,
					body);
		}
		catch (RuntimeException ex) {
			answer.close();
			throw ex;
		}
	}

	private static WeChatJson jsonObject(String path, byte[] answer) {
		try {
			return WeChatJson.of(answer);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new WeChatUnavailableException(path, 200, "the answer is not a JSON object");
		}
	}

	private static long parseLength(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private UpstreamAnswer exchange(GatewayCall call, WeChatApi api) throws IOException, InterruptedException {
		String path = call.path();
		boolean retryable = api.retryable() && call.body().replayable();
		long deadline = this.clock.millis() + this.properties.retry().budget().toMillis();
		boolean replayed = false;
		for (int attempt = 1;; attempt++) {
			// Admitted and the token read in one Redis round trip; a miss or an expired token refreshes as usual.
			String cached = this.limiter.acquireAndRead(call.appId(), api, this.tokens.cacheKey(call.appId()));
			this.usage.called(call.appId(), api);
			String token = this.tokens.get(call.appId(), cached);
			UpstreamAnswer answer;
			try {
				answer = send(call, token);
			}
			catch (IOException ex) {
				WeChatUnavailableException unavailable = new WeChatUnavailableException(path, 0,
						ex.getClass().getSimpleName());
				this.usage.failed(call.appId(), api, null, unavailable.summary());
				if (retryable && mayRetry(attempt, deadline)) {
					pause(api, attempt, deadline);
					continue;
				}
				throw unavailable;
			}
			if (answer.status() >= 500) {
				answer.close();
				WeChatUnavailableException unavailable = new WeChatUnavailableException(path, answer.status(),
						"HTTP " + answer.status());
				this.usage.failed(call.appId(), api, null, unavailable.summary());
				if (retryable && mayRetry(attempt, deadline)) {
					pause(api, attempt, deadline);
					continue;
				}
				throw unavailable;
			}
			WeChatError error = errorOf(answer);
			if (error == null) {
				return answer;
			}
			this.usage.failed(call.appId(), api, error.errcode(), error.errmsg());
			WeChatErrorKind kind = error.kind();
			if (kind == WeChatErrorKind.TOKEN_INVALID && !replayed) {
				this.tokens.refreshAfterFailure(call.appId(), token);
				if (!call.body().replayable()) {
					return UpstreamAnswer.json("{\"errcode\":-1,\"errmsg\":\"system error: the access token was "
							+ "renewed by Atrium, send the request again\"}");
				}
				replayed = true;
				this.metrics.replayed(api);
				continue;
			}
			if (kind == WeChatErrorKind.DAILY_QUOTA_EXCEEDED || kind == WeChatErrorKind.MINUTE_QUOTA_EXCEEDED) {
				this.breaker.trip(call.appId(), api, new WeChatApiException(path, error));
			}
			if (kind == WeChatErrorKind.TRANSIENT && retryable && mayRetry(attempt, deadline)) {
				pause(api, attempt, deadline);
				continue;
			}
			return answer;
		}
	}

	private UpstreamAnswer send(GatewayCall call, String token) throws IOException {
		String query = (call.query().isEmpty() ? "" : call.query() + "&") + "access_token=" + token;
		ClassicHttpRequest request = new BasicClassicHttpRequest(call.method(),
				URI.create(this.baseUrl + call.path() + "?" + query));
		if ("POST".equals(call.method())) {
			request.setEntity(call.body().entity(call.contentType()));
		}
		ClassicHttpResponse response = this.http.executeOpen(null, request, null);
		try {
			Map<String, String> headers = new LinkedHashMap<>();
			for (String name : new String[] { "Content-Type", "Content-Disposition", "Content-Length" }) {
				Header header = response.getFirstHeader(name);
				if (header != null) {
					headers.put(name, header.getValue());
				}
			}
			HttpEntity entity = response.getEntity();
			if (entity == null) {
				response.close();
				return new UpstreamAnswer(response.getCode(), headers, new byte[0], null);
			}
			InputStream body = entity.getContent();
			if (isJson(headers.get("Content-Type")) || (entity.getContentLength() >= 0 && entity.getContentLength() <= ERROR_PEEK)) {
				byte[] head = body.readNBytes(ERROR_PEEK + 1);
				if (head.length <= ERROR_PEEK) {
					response.close();
					return new UpstreamAnswer(response.getCode(), headers, head, null);
				}
				return new UpstreamAnswer(response.getCode(), headers, head, new ResponseBodyStream(body, response));
			}
			return new UpstreamAnswer(response.getCode(), headers, new byte[0], new ResponseBodyStream(body, response));
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}


	/** WeChat's error, when the answer is a small JSON object with a non-zero errcode. */
	private static WeChatError errorOf(UpstreamAnswer answer) {
		if (answer.rest() != null || answer.head().length == 0 || answer.head()[0] != '{') {
			return null;
		}
		try {
			return WeChatJson.of(answer.head()).error();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.contains("json") || type.startsWith("text/plain");
	}

	private boolean mayRetry(int attempt, long deadline) {
		return attempt < this.properties.retry().maxAttempts() && this.clock.millis() < deadline;
	}

	private void pause(WeChatApi api, int attempt, long deadline) throws InterruptedException {
		this.metrics.retried(api);
		long wait = Math.max(0, Math.min(this.backoff.apply(attempt), deadline - this.clock.millis()));
		Thread.sleep(wait);
	}

}
