package io.atrium.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code content} of a published post or of a news material: its articles, the first being the headline.
 *
 * @param newsItem the articles
 * @param createTime when a news material was created (Unix seconds); absent for published posts
 * @param updateTime when a news material was last changed (Unix seconds); absent for published posts
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewsContent(List<NewsItem> newsItem, Long createTime, Long updateTime,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public NewsContent {
		newsItem = (newsItem != null) ? List.copyOf(newsItem) : List.of();
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
