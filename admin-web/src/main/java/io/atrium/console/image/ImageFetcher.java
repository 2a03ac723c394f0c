package io.atrium.console.image;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.CheckedDnsResolver;
import io.atrium.outbound.CheckedDnsResolver.ForbiddenAddressException;
import io.atrium.outbound.HostResolver;
import io.atrium.outbound.PooledHttpClients;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Fetches an image for the console from an allow-listed host: each URL (the first and every redirect's) passes
 * {@link ImageUrlPolicy}, each new connection's addresses pass {@link AddressPolicy} in {@link CheckedDnsResolver},
 * and only a raster image type within the size cap comes back. Nothing of the browser's request goes upstream but
 * its cache validators: no cookies, no credentials, no {@code Referer} (the point of the proxy: WeChat refuses
 * other sites' referers).
 */
class ImageFetcher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ImageFetcher.class);

	/** Raster types only: an SVG is a document that can carry script. */
	private static final Set<String> IMAGE_SUBTYPES = Set.of("png", "jpeg", "jpg", "pjpeg", "gif", "webp", "bmp",
			"avif", "x-icon", "vnd.microsoft.icon");

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final ImageUrlPolicy urls;

	private final long maxSize;

	private final int maxRedirects;

	private final Duration deadline;

	private final CloseableHttpClient client;

	private final ScheduledExecutorService deadlines;

	ImageFetcher(ImageProxyProperties properties, HostResolver resolver) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("image-proxy-deadline-");
		threads.setDaemon(true);
		this.deadlines = Executors.newSingleThreadScheduledExecutor(threads);
		this.urls = new ImageUrlPolicy(properties);
		this.maxSize = properties.maxSize().toBytes();
		this.maxRedirects = properties.maxRedirects();
		this.deadline = properties.deadline();
		// Redirects are followed below, each one checked.
		this.client = PooledHttpClients
			.builder(new CheckedDnsResolver(resolver, new AddressPolicy(properties.allowLoopback())),
					properties.connectTimeout(), properties.readTimeout(), 64, 16)
			.setUserAgent("Atrium image proxy")
			.build();
	}

	/**
	 * @param url the image's URL as the console's page has it
	 * @param ifNoneMatch the browser's {@code If-None-Match}, or null
	 * @param ifModifiedSince the browser's {@code If-Modified-Since}, or null
	 * @return the image, to be closed after use; its body must be read before the deadline, counted from now
	 * @throws RefusedImageUrlException when the URL or the address its host resolves to is not proxied
	 * @throws UpstreamImageException when the host fails, takes longer than the deadline, or answers something that
	 * is not passed on
	 */
	UpstreamImage fetch(String url, String ifNoneMatch, String ifModifiedSince) {
		URI uri = this.urls.check(url);
		Exchange exchange = new Exchange();
		exchange.timer = this.deadlines.schedule(exchange::expire, this.deadline.toMillis(), TimeUnit.MILLISECONDS);
		try {
			for (int redirects = 0;; redirects++) {
				ClassicHttpResponse response = open(uri, ifNoneMatch, ifModifiedSince, redirects == 0, exchange);
				if (!REDIRECTS.contains(response.getCode())) {
					return answer(uri, response, exchange);
				}
				String location = header(response, HttpHeaders.LOCATION);
				exchange.discard(response);
				if (location == null || redirects >= this.maxRedirects) {
					throw new UpstreamImageException("the image host redirected too often or nowhere");
				}
				try {
					uri = this.urls.check(uri.resolve(location).toString());
				}
				catch (RefusedImageUrlException | IllegalArgumentException ex) {
					logger.info("Image host {} redirected to a URL that is not proxied", uri.getHost());
					throw new UpstreamImageException("the image host redirected to a URL that is not proxied");
				}
			}
		}
		catch (RuntimeException ex) {
			exchange.finish();
			throw ex;
		}
	}

	private ClassicHttpResponse open(URI uri, String ifNoneMatch, String ifModifiedSince, boolean first,
			Exchange exchange) {
		HttpGet request = new HttpGet(uri);
		request.setHeader(HttpHeaders.ACCEPT, "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8");
		if (ifNoneMatch != null) {
			request.setHeader(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		}
		if (ifModifiedSince != null) {
			request.setHeader(HttpHeaders.IF_MODIFIED_SINCE, ifModifiedSince);
		}
		exchange.use(request);
		try {
			try {
				return this.client.executeOpen(null, request, HttpClientContext.create());
			}
			catch (NoHttpResponseException ex) {
				// A kept-alive connection the host had just closed: nothing was answered, and a GET of an image
				// may be sent again, once, on a new connection.
				logger.debug("Image host {} closed a pooled connection; asking again", uri.getHost());
				return this.client.executeOpen(null, request, HttpClientContext.create());
			}
		}
		catch (ForbiddenAddressException ex) {
			if (first) {
				throw RefusedImageUrlException.forbidden(ex.getMessage());
			}
			throw new UpstreamImageException("the image host redirected to an address that is not proxied", ex);
		}
		catch (IOException ex) {
			exchange.failIfExpired(ex);
			logger.info("Image host {} could not be reached: {}", uri.getHost(), ex.toString());
			throw new UpstreamImageException("the image host could not be reached", ex);
		}
	}

	private UpstreamImage answer(URI uri, ClassicHttpResponse response, Exchange exchange) {
		try {
			int status = response.getCode();
			String etag = header(response, HttpHeaders.ETAG);
			String lastModified = header(response, HttpHeaders.LAST_MODIFIED);
			if (status == 304) {
				exchange.discard(response);
				exchange.finish();
				return new UpstreamImage(true, null, 0, etag, lastModified, InputStream.nullInputStream());
			}
			if (status != 200) {
				throw new UpstreamImageException("the image host answered HTTP " + status);
			}
			HttpEntity entity = response.getEntity();
			if (entity == null) {
				throw new UpstreamImageException("the image host answered no body");
			}
			MediaType contentType = imageType(entity.getContentType());
			long length = entity.getContentLength();
			if (length > this.maxSize) {
				// Refused on the declared length, before a byte of the body is read.
				throw new UpstreamImageException("the image is larger than " + this.maxSize + " bytes");
			}
			InputStream body = new CappedStream(entity.getContent(), this.maxSize, response, exchange);
			if (length < 0) {
				// No declared length: read it whole, but never more than the cap and one byte, so that an oversized
				// image is a clean 502 and the rest of it is never read.
				byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxSize + 1));
				if (bytes.length > this.maxSize) {
					throw new UpstreamImageException("the image is larger than " + this.maxSize + " bytes");
				}
				body.close();
				return new UpstreamImage(false, contentType, bytes.length, etag, lastModified,
						new ByteArrayInputStream(bytes));
			}
			return new UpstreamImage(false, contentType, length, etag, lastModified, body);
		}
		catch (IOException ex) {
			exchange.discard(response);
			exchange.failIfExpired(ex);
			logger.info("Image host {} failed while answering: {}", uri.getHost(), ex.toString());
			throw new UpstreamImageException("the image host failed while answering", ex);
		}
		catch (RuntimeException ex) {
			exchange.discard(response);
			throw ex;
		}
	}

	private static MediaType imageType(String value) {
		try {
			MediaType type = (value != null) ? MediaType.parseMediaType(value) : null;
			if (type != null && "image".equalsIgnoreCase(type.getType())
					&& IMAGE_SUBTYPES.contains(type.getSubtype().toLowerCase(Locale.ROOT))) {
				return new MediaType(type.getType(), type.getSubtype());
			}
		}
		catch (InvalidMediaTypeException ex) {
			// refused below
		}
		throw new UpstreamImageException("the image host answered a content type that is not a raster image");
	}

	private static String header(ClassicHttpResponse response, String name) {
		Header header = response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	@Override
	public void destroy() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

	/**
	 * One fetch, redirects included, against its deadline: when the deadline passes, the request in flight is
	 * cancelled, whatever it is waiting for. A response that is not read to its end is discarded by cancelling its
	 * request, never closed: closing would read the rest of the body to keep the connection (a 100 MB answer would
	 * be read whole before the 502).
	 */
	private static final class Exchange {

		private volatile HttpGet current;

		private volatile boolean expired;

		private volatile ScheduledFuture<?> timer;

		void use(HttpGet request) {
			this.current = request;
			if (this.expired) {
				request.cancel();
			}
		}

		void expire() {
			this.expired = true;
			HttpGet request = this.current;
			if (request != null) {
				request.cancel();
			}
		}

		/** The failure, worded as the deadline when that is what ended it. */
		void failIfExpired(IOException ex) {
			if (this.expired) {
				throw new UpstreamImageException("the image host took longer than the proxy's deadline", ex);
			}
		}

		/** Drops the response without reading the rest of it. */
		void discard(ClassicHttpResponse response) {
			HttpGet request = this.current;
			if (request != null) {
				request.cancel();
			}
			try {
				response.close();
			}
			catch (IOException ex) {
				// Cancelled: the connection is discarded either way.
			}
		}

		/** The fetch is over: no deadline to keep. */
		void finish() {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
		}

	}

	/**
	 * The body as read from the host, failing once more than the cap has come (a host that declared a length
	 * cannot send more than it declared, but one that did not could send anything). Closing it ends the fetch:
	 * read to its end, the connection goes back to the pool; otherwise (the browser went away, the cap or the
	 * deadline was hit) it is discarded without reading the rest.
	 */
	private static final class CappedStream extends FilterInputStream {

		private final long cap;

		private final ClassicHttpResponse response;

		private final Exchange exchange;

		private long count;

		private boolean ended;

		CappedStream(InputStream in, long cap, ClassicHttpResponse response, Exchange exchange) {
			super(in);
			this.cap = cap;
			this.response = response;
			this.exchange = exchange;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b != -1) {
				count(1);
			}
			else {
				this.ended = true;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				count(read);
			}
			else if (read < 0) {
				this.ended = true;
			}
			return read;
		}

		private void count(int read) throws IOException {
			this.count += read;
			if (this.count > this.cap + 1) {
				throw new IOException("Image larger than " + this.cap + " bytes");
			}
		}

		@Override
		public void close() throws IOException {
			this.exchange.finish();
			if (this.ended) {
				this.response.close();
			}
			else {
				this.exchange.discard(this.response);
			}
		}

	}

}
