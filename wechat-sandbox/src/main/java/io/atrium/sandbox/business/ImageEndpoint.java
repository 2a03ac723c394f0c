package io.atrium.sandbox.business;

import java.util.Map;

import io.atrium.sandbox.content.ImageRenderer;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;

/**
 * Serves the images content URLs point at ({@code /mmbiz_png/...}, {@code /mmbiz_jpg/...}), as WeChat's image CDN
 * does. The pixels follow from the path alone, so they may be cached for good.
 */
public final class ImageEndpoint {

	private final ImageRenderer renderer;

	public ImageEndpoint(ImageRenderer renderer) {
		this.renderer = renderer;
	}

	public void register(Router router) {
		router.add("GET", "/mmbiz_png/**", this::image);
		router.add("GET", "/mmbiz_jpg/**", this::image);
	}

	private Reply image(Request request) {
		return this.renderer.render(request.path())
			.map((image) -> new Reply(200, image.contentType(), image.bytes(),
					Map.of("Cache-Control", "public, max-age=31536000, immutable")))
			.orElseGet(() -> Reply.text(404, "404 Not Found"));
	}

}
