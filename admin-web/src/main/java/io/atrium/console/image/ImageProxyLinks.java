package io.atrium.console.image;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links to the image proxy, for pages and the article sanitizer: {@code /img?u=<URL-encoded image URL>}.
 * Relative to the application's context path, which the page's base supplies.
 */
public final class ImageProxyLinks {

	private ImageProxyLinks() {
	}

	/** The proxy's path for an image URL (the URL is not checked here; the proxy checks it when fetched). */
	public static String of(String imageUrl) {
		return ImageProxyController.PATH + "?u=" + URLEncoder.encode(imageUrl, StandardCharsets.UTF_8);
	}

}
