package io.atrium.content;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * How many permanent materials of each type an account has ({@code material/get_materialcount}).
 *
 * @param voiceCount voices
 * @param videoCount videos
 * @param imageCount images
 * @param newsCount news
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties({ "errcode", "errmsg" })
public record MaterialCount(Integer voiceCount, Integer videoCount, Integer imageCount, Integer newsCount,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public MaterialCount {
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
