package io.atrium.token.wechat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import feign.Client;
import feign.Request;
import feign.Response;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;

/**
 * Feign's transport over a pooled Apache HttpClient 5: blocking I/O on the caller's own thread, the way the gateway
 * calls WeChat. Feign's JDK client handed every call to its selector thread and back, about a millisecond per call.
 * ({@code feign-hc5} does the same job; it is not served by the Maven mirror these machines build from.)
 * <p>
 * WeChat's answers are small JSON documents: each is read whole, so the connection goes back to the pool before
 * Feign decodes it. Each call's {@link Request.Options} apply: its read timeout, and its connect timeout to the
 * wait for a pooled connection (the pool's own connect timeout to opening one).
 */
final class PooledFeignClient implements Client {

	private final CloseableHttpClient http;

	PooledFeignClient(CloseableHttpClient http) {
		this.http = http;
	}

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		BasicClassicHttpRequest outgoing = new BasicClassicHttpRequest(request.httpMethod().name(),
				URI.create(request.url()));
		String contentType = null;
		for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
			if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header.getKey())) {
				continue; // the entity's own
			}
			if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
				contentType = header.getValue().iterator().next();
			}
			for (String value : header.getValue()) {
				outgoing.addHeader(header.getKey(), value);
			}
		}
		if (request.body() != null) {
			outgoing.setEntity(new ByteArrayEntity(request.body(),
					(contentType != null) ? ContentType.parse(contentType) : null));
		}
		HttpClientContext context = HttpClientContext.create();
		context.setRequestConfig(RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(options.connectTimeout(), options.connectTimeoutUnit()))
			.setResponseTimeout(Timeout.of(options.readTimeout(), options.readTimeoutUnit()))
			.build());
		try (ClassicHttpResponse response = this.http.executeOpen(null, outgoing, context)) {
			HttpEntity entity = response.getEntity();
			byte[] body = (entity != null) ? EntityUtils.toByteArray(entity) : null;
			return Response.builder()
				.status(response.getCode())
				.reason(response.getReasonPhrase())
				.headers(headers(response))
				.request(request)
				.body(body)
				.build();
		}
	}

	private static Map<String, Collection<String>> headers(ClassicHttpResponse response) {
		Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : response.getHeaders()) {
			headers.computeIfAbsent(header.getName(), (name) -> new ArrayList<>()).add(header.getValue());
		}
		return headers;
	}

}
