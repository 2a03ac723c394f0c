package io.atrium.console.image;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /img?u=<url>}: a WeChat image for the console's pages, which cannot link WeChat's hosts directly
 * (they refuse other sites' referers). Plain MVC with no security of its own: the console's login chain decides
 * who may call it. Refused URLs answer 400 or 403, failing hosts 502, both with a short {@code text/plain} reason.
 */
@RestController
class ImageProxyController {

	static final String PATH = "/img";

	private final ImageFetcher fetcher;

	private final CacheControl cacheControl;

	ImageProxyController(ImageFetcher fetcher, ImageProxyProperties properties) {
		this.fetcher = fetcher;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic();
	}

	@GetMapping(PATH)
	ResponseEntity<Resource> image(@RequestParam("u") String url,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.IF_MODIFIED_SINCE, required = false) String ifModifiedSince) {
		UpstreamImage image = this.fetcher.fetch(url, ifNoneMatch, ifModifiedSince);
		HttpStatus status = image.notModified() ? HttpStatus.NOT_MODIFIED : HttpStatus.OK;
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
			.cacheControl(this.cacheControl)
			.headers((headers) -> {
				if (image.etag() != null) {
					headers.set(HttpHeaders.ETAG, image.etag());
				}
				if (image.lastModified() != null) {
					headers.set(HttpHeaders.LAST_MODIFIED, image.lastModified());
				}
				// An image, shown by this site's pages only, never sniffed into something else.
				headers.set("X-Content-Type-Options", "nosniff");
				headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
				headers.set("Cross-Origin-Resource-Policy", "same-origin");
			});
		if (image.notModified()) {
			return answer.build();
		}
		answer.contentType(image.contentType());
		if (image.contentLength() >= 0) {
			answer.contentLength(image.contentLength());
		}
		// Streamed by ResourceHttpMessageConverter, which closes the stream (and so the upstream connection).
		return answer.body(new InputStreamResource(image.body()));
	}

	@ExceptionHandler
	ResponseEntity<String> refused(RefusedImageUrlException ex) {
		return reason(ex.status(), "Image not proxied: " + ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<String> upstreamFailed(UpstreamImageException ex) {
		return reason(HttpStatus.BAD_GATEWAY, "Image not available: " + ex.getMessage());
	}

	private static ResponseEntity<String> reason(HttpStatus status, String reason) {
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_PLAIN)
			.cacheControl(CacheControl.noStore())
			.header("X-Content-Type-Options", "nosniff")
			.body(reason);
	}

}
