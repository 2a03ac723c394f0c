package io.atrium.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A page of permanent materials of one type ({@code material/batchget_material}), plus the cursor of the next
 * page.
 *
 * @param totalCount how many materials of this type the account has
 * @param itemCount how many are on this page
 * @param item the materials
 * @param nextCursor Atrium's opaque cursor of the next page; absent on the last page and in WeChat's answer
 * @param unknownFields fields this code does not know, by WeChat's name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaterialPage(Integer totalCount, Integer itemCount, List<MaterialItem> item, String nextCursor,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

	public MaterialPage {
		item = (item != null) ? List.copyOf(item) : List.of();
		unknownFields = UnknownFields.copyOf(unknownFields);
	}

}
