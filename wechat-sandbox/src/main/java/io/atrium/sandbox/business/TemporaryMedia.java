package io.atrium.sandbox.business;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary media (临时素材) accounts uploaded, in memory. Each lives three days by the sandbox clock ("媒体文件在微信
 * 后台保存时间为3天，即3天后media_id失效"); expired ones are dropped on the next upload, so that a long-running sandbox
 * does not keep them. A reset forgets them all.
 */
public final class TemporaryMedia {

	static final Duration LIFETIME = Duration.ofDays(3);

	private static final char[] URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	/** Real media ids are 64 URL-safe characters (e.g. in the official examples and SDK fixtures). */
	private static final int ID_LENGTH = 64;

	private final Clock clock;

	private final Map<String, Medium> media = new ConcurrentHashMap<>();

	public TemporaryMedia(Clock clock) {
		this.clock = clock;
	}

	Medium add(String appid, MediaType type, String extension, String contentType, byte[] content) {
		long now = this.clock.millis();
		this.media.values().removeIf((medium) -> medium.expired(now));
		Medium medium = new Medium(newId(), appid, type, extension, contentType, content, now);
		this.media.put(medium.mediaId(), medium);
		return medium;
	}

	/** The account's medium, unless unknown, another account's or expired. */
	Optional<Medium> find(String appid, String mediaId) {
		Medium medium = this.media.get(mediaId);
		if (medium == null || !medium.appid().equals(appid) || medium.expired(this.clock.millis())) {
			return Optional.empty();
		}
		return Optional.of(medium);
	}

	/** A video by its id alone, as its download URL finds it. */
	Optional<Medium> findVideo(String mediaId) {
		Medium medium = this.media.get(mediaId);
		if (medium == null || medium.type() != MediaType.VIDEO || medium.expired(this.clock.millis())) {
			return Optional.empty();
		}
		return Optional.of(medium);
	}

	public void reset() {
		this.media.clear();
	}

	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[ID_LENGTH];
		for (int i = 0; i < id.length; i++) {
			id[i] = URL_SAFE[random.nextInt(URL_SAFE.length)];
		}
		return new String(id);
	}

	/** One uploaded file. */
	record Medium(String mediaId, String appid, MediaType type, String extension, String contentType,
			byte[] content, long createdAtMillis) {

		boolean expired(long nowMillis) {
			return nowMillis - this.createdAtMillis >= LIFETIME.toMillis();
		}

		long createdAt() {
			return this.createdAtMillis / 1000;
		}

	}

}
