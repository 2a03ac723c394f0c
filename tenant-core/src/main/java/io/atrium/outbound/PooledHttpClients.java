package io.atrium.outbound;

import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way Atrium builds an outbound HTTP client (WeChat, the image proxy, webhooks): Apache HttpClient 5 with
 * blocking I/O on the caller's thread, pooled connections, the timeouts given, and nothing done behind the caller's
 * back: no redirects followed, no cookies or authentication kept, no automatic retries (callers own their retry
 * policy), no decompression.
 */
public final class PooledHttpClients {

	/**
	 * A pooled connection idle longer than this is checked before it is lent: servers close kept-alive connections
	 * they find idle, and a request sent on one answers nothing ({@code NoHttpResponseException}). Seen as the
	 * image proxy's 502s when the sandbox, busy, closed its idle connections.
	 */
	static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);

	private PooledHttpClients() {
	}

	/**
	 * A builder to finish ({@code setUserAgent}, ...) and build.
	 * @param resolver the only resolver of host names (a {@link CheckedDnsResolver} for addresses someone else
	 * chose), or {@code null} for the system's
	 * @param connectTimeout to open a connection, and to wait for one from the pool
	 * @param readTimeout between two packets of an answer
	 */
	public static HttpClientBuilder builder(DnsResolver resolver, Duration connectTimeout, Duration readTimeout,
			int maxConnections, int maxConnectionsPerRoute) {
		Timeout connect = Timeout.of(connectTimeout);
		Timeout read = Timeout.of(readTimeout);
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom()
							.setConnectTimeout(connect)
							.setSocketTimeout(read)
							.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
							.build())
				.setMaxConnTotal(maxConnections)
				.setMaxConnPerRoute(maxConnectionsPerRoute)
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read).build())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableAutomaticRetries()
			.disableContentCompression();
	}

}
