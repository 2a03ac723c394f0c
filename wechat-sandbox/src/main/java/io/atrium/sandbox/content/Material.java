package io.atrium.sandbox.content;

import java.util.List;

/** A permanent material, one record per {@link MaterialType}: their list items differ in shape. */
sealed interface Material {

	String mediaId();

	long updateTime();

	/** An image: the only type whose list item carries a {@code url}. */
	record Image(String mediaId, String name, long updateTime, String url) implements Material {
	}

	/** A voice: its {@code url} serves the recording ({@link VoiceRecording}), as the material seed lists it. */
	record Voice(String mediaId, String name, long updateTime, String url) implements Material {
	}

	/** A video: real list items carry {@code description} and {@code tags} instead of a {@code url}. */
	record Video(String mediaId, String name, long updateTime, String description, List<String> tags)
			implements Material {

		public Video {
			tags = List.copyOf(tags);
		}

	}

	record News(String mediaId, List<NewsArticle> articles, long createTime, long updateTime) implements Material {

		public News {
			articles = List.copyOf(articles);
		}

	}

}
