package io.atrium.sandbox.content;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The recordings voice materials' {@code url} point at: one second of silence as MP3, the same for every voice (a
 * sandbox has nothing to say), at {@code /voice/<appid>/<token>.mp3} of the sandbox's public address, so that a client
 * that plays a voice gets real audio.
 */
public final class VoiceRecording {

	/** The path prefix the recordings are served under. */
	public static final String PATH = "/voice/";

	private static final Pattern PATH_PATTERN = Pattern.compile("/voice/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+\\.mp3");

	/**
	 * MPEG-1 Layer III frames at 128 kbit/s and 44.1 kHz, each 417 bytes (the header and 413 zero bytes: empty side
	 * information, so silence), 38 of them for one second.
	 */
	private static final byte[] SILENCE = silence(38);

	private VoiceRecording() {
	}

	/** The recording's bytes (every voice's). */
	static byte[] bytes() {
		return SILENCE.clone();
	}

	static String url(String baseUrl, String appId, String token) {
		return baseUrl + PATH + appId + "/" + token + ".mp3";
	}

	/** The recording at this path, if it is one a voice's {@code url} names. */
	public static Optional<byte[]> at(String path) {
		return PATH_PATTERN.matcher(path).matches() ? Optional.of(SILENCE.clone()) : Optional.empty();
	}

	private static byte[] silence(int frames) {
		ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
		for (int i = 0; i < frames; i++) {
			mp3.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x64 });
			mp3.writeBytes(new byte[413]);
		}
		return mp3.toByteArray();
	}

}
