package io.atrium.sandbox.business;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import io.atrium.sandbox.http.WeChatError;

/**
 * The {@code type} of a temporary medium and what WeChat accepts for it (official uploadTempMedia page, "其他补充"):
 * image 10 MB PNG/JPEG/JPG/GIF, voice 2 MB AMR/MP3, video 10 MB MP4, thumb 64 KB JPG. The same page's 注意事项 says
 * "图片2MB" and older copies say 2 MB or 1 MB for images; the sandbox follows the detailed list (10 MB).
 * <p>
 * Size errors: 40009 for an image is community-reported for an oversized upload; 40010, 40011 and 40012 for voice,
 * video and thumb are the global return codes' "不合法的语音/视频/缩略图文件大小", UNCONFIRMED for this API. The
 * format is judged by the file name's extension: a community answer reports 40005 {@code invalid file type} for a
 * video uploaded as {@code .png}; that WeChat ignores the bytes themselves is UNCONFIRMED, and so is accepting
 * {@code .jpeg} for a thumb.
 */
enum MediaType {

	IMAGE("image", 10 * 1024 * 1024, WeChatError.INVALID_IMAGE_SIZE,
			Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif")),

	VOICE("voice", 2 * 1024 * 1024, WeChatError.INVALID_VOICE_SIZE, Map.of("amr", "audio/amr", "mp3", "audio/mpeg")),

	VIDEO("video", 10 * 1024 * 1024, WeChatError.INVALID_VIDEO_SIZE, Map.of("mp4", "video/mp4")),

	THUMB("thumb", 64 * 1024, WeChatError.INVALID_THUMB_SIZE, Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg"));

	private final String wire;

	private final int maxBytes;

	private final WeChatError tooLarge;

	private final Map<String, String> contentTypes;

	MediaType(String wire, int maxBytes, WeChatError tooLarge, Map<String, String> contentTypes) {
		this.wire = wire;
		this.maxBytes = maxBytes;
		this.tooLarge = tooLarge;
		this.contentTypes = contentTypes;
	}

	/** As the {@code type} query parameter and the answer's {@code type} spell it. */
	String wire() {
		return this.wire;
	}

	int maxBytes() {
		return this.maxBytes;
	}

	WeChatError tooLarge() {
		return this.tooLarge;
	}

	/** The content type a file of this extension is served with, if the type accepts the extension. */
	Optional<String> contentType(String extension) {
		return Optional.ofNullable(this.contentTypes.get(extension));
	}

	static Optional<MediaType> fromWire(String wire) {
		return Arrays.stream(values()).filter((type) -> type.wire.equals(wire)).findFirst();
	}

}
