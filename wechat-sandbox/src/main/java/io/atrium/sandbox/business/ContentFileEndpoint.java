package io.atrium.sandbox.business;

import java.util.Map;

import io.atrium.sandbox.content.ImageRenderer;
import io.atrium.sandbox.content.VideoRecording;
import io.atrium.sandbox.content.VoiceRecording;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;

/**
 * Serves the files content URLs point at: images ({@code /mmbiz_png/...}, {@code /mmbiz_jpg/...}), as WeChat's image
 * CDN does, voice materials' recordings ({@code /voice/...}) and video materials' files ({@code /video-material/...}),
 * what {@code get_material}'s {@code down_url} names. What is served follows from the path alone, so it
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
		router.add("GET", VideoRecording.PATH + "**", this::video);
	}

	private Reply video(Request request) {
		return VideoRecording.at(request.path())
			.map((mp4) -> new Reply(200, "video/mp4", mp4, IMMUTABLE))
			.orElseGet(() -> Reply.text(404, "404 Not Found"));
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
