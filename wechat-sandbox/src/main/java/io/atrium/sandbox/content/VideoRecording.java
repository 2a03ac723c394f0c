package io.atrium.sandbox.content;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a video material's {@code down_url} serves: an MP4 file (ISO base media) whose one track is the voices' second
 * of silent MP3 ({@link VoiceRecording}), the same for every video, at {@code /video-material/<appid>/<media_id>.mp4}
 * of the sandbox's public address, without a token, as WeChat's video CDN serves it. A real container that a
 * player opens; there is nothing to see (a sandbox has no camera).
 */
public final class VideoRecording {

	/** The path prefix the videos are served under. */
	public static final String PATH = "/video-material/";

	private static final Pattern PATH_PATTERN = Pattern.compile("/video-material/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+\\.mp4");

	private static final int FRAME_BYTES = 417;

	private static final int SAMPLES_PER_FRAME = 1152;

	private static final int SAMPLE_RATE = 44100;

	private static final byte[] MP4 = mp4(VoiceRecording.bytes());

	private VideoRecording() {
	}

	static String url(String baseUrl, String appId, String mediaId) {
		return baseUrl + PATH + appId + "/" + mediaId + ".mp4";
	}

	/** The video at this path, if it is one a {@code down_url} names. */
	public static Optional<byte[]> at(String path) {
		return PATH_PATTERN.matcher(path).matches() ? Optional.of(MP4.clone()) : Optional.empty();
	}

	private static byte[] mp4(byte[] mp3) {
		int frames = mp3.length / FRAME_BYTES;
		int duration = frames * SAMPLES_PER_FRAME;
		byte[] ftyp = box("ftyp", ascii("isom"), int32(512), ascii("isom"), ascii("iso2"), ascii("mp41"));
		// The sample table's chunk offset is the mdat payload's: ftyp, moov, then mdat's 8-byte header.
		byte[] moov = moov(frames, duration, 0);
		int offset = ftyp.length + moov.length + 8;
		moov = moov(frames, duration, offset);
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.writeBytes(ftyp);
		file.writeBytes(moov);
		file.writeBytes(box("mdat", mp3));
		return file.toByteArray();
	}

	private static byte[] moov(int frames, int duration, int chunkOffset) {
		int millis = (int) ((long) duration * 1000 / SAMPLE_RATE);
		byte[] matrix = concat(int32(0x00010000), int32(0), int32(0), int32(0), int32(0x00010000), int32(0), int32(0),
				int32(0), int32(0x40000000));
		byte[] mvhd = fullBox("mvhd", 0, 0, int32(0), int32(0), int32(1000), int32(millis), int32(0x00010000),
				int16(0x0100), new byte[10], matrix, new byte[24], int32(2));
		byte[] tkhd = fullBox("tkhd", 0, 3, int32(0), int32(0), int32(1), int32(0), int32(millis), new byte[8],
				int16(0), int16(0), int16(0x0100), int16(0), matrix, int32(0), int32(0));
		byte[] mdhd = fullBox("mdhd", 0, 0, int32(0), int32(0), int32(SAMPLE_RATE), int32(duration), int16(0x55C4),
				int16(0));
		byte[] hdlr = fullBox("hdlr", 0, 0, int32(0), ascii("soun"), new byte[12], ascii("SoundHandler\0"));
		byte[] smhd = fullBox("smhd", 0, 0, int16(0), int16(0));
		byte[] dinf = box("dinf", fullBox("dref", 0, 0, int32(1), fullBox("url ", 0, 1)));
		// MPEG-1 audio (object type 0x6B) in an audio stream (0x15), no decoder-specific information.
		byte[] decoderConfig = descriptor(4, concat(new byte[] { 0x6B, 0x15 }, new byte[] { 0, 0x10, 0 },
				int32(128000), int32(128000)));
		byte[] esds = fullBox("esds", 0, 0, descriptor(3, concat(int16(1), new byte[] { 0 }, decoderConfig,
				descriptor(6, new byte[] { 2 }))));
		byte[] mp4a = box("mp4a", new byte[6], int16(1), new byte[8], int16(2), int16(16), int16(0), int16(0),
				int32(SAMPLE_RATE << 16), esds);
		byte[] stbl = box("stbl", fullBox("stsd", 0, 0, int32(1), mp4a),
				fullBox("stts", 0, 0, int32(1), int32(frames), int32(SAMPLES_PER_FRAME)),
				fullBox("stsc", 0, 0, int32(1), int32(1), int32(frames), int32(1)),
				fullBox("stsz", 0, 0, int32(FRAME_BYTES), int32(frames)),
				fullBox("stco", 0, 0, int32(1), int32(chunkOffset)));
		byte[] mdia = box("mdia", mdhd, hdlr, box("minf", smhd, dinf, stbl));
		return box("moov", mvhd, box("trak", tkhd, mdia));
	}

	private static byte[] descriptor(int tag, byte[] payload) {
		return concat(new byte[] { (byte) tag, (byte) payload.length }, payload);
	}

	private static byte[] fullBox(String type, int version, int flags, byte[]... parts) {
		return box(type, concat(int32((version << 24) | flags), concat(parts)));
	}

	private static byte[] box(String type, byte[]... parts) {
		byte[] payload = concat(parts);
		return concat(int32(payload.length + 8), ascii(type), payload);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] int32(int value) {
		return ByteBuffer.allocate(4).putInt(value).array();
	}

	private static byte[] int16(int value) {
		return ByteBuffer.allocate(2).putShort((short) value).array();
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
