package io.atrium.content;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One published post ({@code freepublish/batchget} item).
 *
 * @param articleId the post's id, for {@code freepublish/getarticle}
 * @param content the post's articles
 * @param updateTime when the post was last changed (Unix seconds)
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedItem(String articleId, NewsContent content, Long updateTime,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public PublishedItem {
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
