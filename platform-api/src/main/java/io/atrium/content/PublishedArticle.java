package io.atrium.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One published post's articles ({@code freepublish/getarticle}). WeChat's {@code errcode 0, errmsg ok} is not
 * content and is left out.
 *
 * @param newsItem the articles, the first being the headline
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties({ "errcode", "errmsg" })
public record PublishedArticle(List<NewsItem> newsItem,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public PublishedArticle {
		newsItem = (newsItem != null) ? List.copyOf(newsItem) : List.of();
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
