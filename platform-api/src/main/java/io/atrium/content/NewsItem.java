package io.atrium.content;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One article ({@code news_item}) of a published post or of a news material, with WeChat's field names. A field
 * WeChat left out stays out of the answer (e.g. {@code content} with {@code no_content=1}); fields it adds later
 * pass through in {@link #unknownFields()}.
 *
 * @param title the headline
 * @param author the author
 * @param digest the summary; empty for the articles of a multi-article post
 * @param content the HTML body, as WeChat serves it (not sanitized)
 * @param contentSourceUrl the "read more" link
 * @param thumbMediaId the cover's permanent media id
 * @param thumbUrl the cover's URL (hotlink-protected by WeChat)
 * @param showCoverPic 1 when the cover is shown in the body (older answers and news materials)
 * @param needOpenComment 1 when comments are open
 * @param onlyFansCanComment 1 when only followers may comment
 * @param url the article's link
 * @param isDeleted whether the article was deleted after publication
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewsItem(String title, String author, String digest, String content, String contentSourceUrl,
		String thumbMediaId, String thumbUrl, Integer showCoverPic, Integer needOpenComment,
		Integer onlyFansCanComment, String url, Boolean isDeleted,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public NewsItem {
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

	/** This article without its HTML body, as a list asked with {@code no_content=1} shows it. */
	public NewsItem withoutContent() {
		return new NewsItem(this.title, this.author, this.digest, null, this.contentSourceUrl, this.thumbMediaId,
				this.thumbUrl, this.showCoverPic, this.needOpenComment, this.onlyFansCanComment, this.url,
				this.isDeleted, this.unknownFields);
	}

}
