package io.atrium.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One permanent material ({@code material/batchget_material} item). Images carry {@code name} and {@code url},
 * voices {@code name}, videos {@code name}, {@code description} and {@code tags}, news {@code content}.
 *
 * @param mediaId the material's permanent media id
 * @param name the file name (image, voice, video)
 * @param updateTime when the material was last changed (Unix seconds)
 * @param url the image's URL
 * @param description a video's description
 * @param tags a video's tags
 * @param content a news material's articles
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaterialItem(String mediaId, String name, Long updateTime, String url, String description,
		List<String> tags, NewsContent content, @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public MaterialItem {
		tags = (tags != null) ? List.copyOf(tags) : null;
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
