package io.atrium.sandbox.business;

import java.util.Map;

import io.atrium.sandbox.content.ImageRenderer;
import io.atrium.sandbox.content.VoiceRecording;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;

/**
 * Serves the files content URLs point at: images ({@code /mmbiz_png/...}, {@code /mmbiz_jpg/...}), as WeChat's image
 * CDN does, and voice materials' recordings ({@code /voice/...}). What is served follows from the path alone, so it
 * may be cached for good.
 */
public final class ContentFileEndpoint {

	private static final Map<String, String> IMMUTABLE = Map.of("Cache-Control", "public, max-age=31536000, immutable");

	private final ImageRenderer renderer;

	public ContentFileEndpoint(ImageRenderer renderer) {
		this.renderer = renderer;
	}

	public void register(Router router) {
		router.add("GET", "/mmbiz_png/**", this::image);
		router.add("GET", "/mmbiz_jpg/**", this::image);
		router.add("GET", VoiceRecording.PATH + "**", this::voice);
	}

	private Reply image(Request request) {
		return this.renderer.render(request.path())
			.map((image) -> new Reply(200, image.contentType(), image.bytes(),
					IMMUTABLE))
			.orElseGet(() -> Reply.text(404, "404 Not Found"));
	}

	private Reply voice(Request request) {
		return VoiceRecording.at(request.path())
			.map((mp3) -> new Reply(200, "audio/mpeg", mp3, IMMUTABLE))
			.orElseGet(() -> Reply.text(404, "404 Not Found"));
	}

}
