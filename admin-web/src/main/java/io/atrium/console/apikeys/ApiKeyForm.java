package io.atrium.console.apikeys;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.atrium.apikey.ApiKeyGrant;
import io.atrium.apikey.ApiScope;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The console's form for a new API key: a name and what the key may do. Nothing ticked means content:read, what
 * every key could do before scopes existed.
 *
 * @param name what the operator calls it
 * @param scopes the scopes ticked, by value ({@code wechat:call})
 * @param paths the WeChat path patterns, one per line (for wechat:call)
 * @param appId the one account the key may reach (tenant keys), or empty for all of the tenant's
 * @param perMinute the key's own limit per minute, or null for none
 * @param expiresOn the last day the key works (China time), or null for never
 */
public record ApiKeyForm(String name, List<String> scopes, String paths, String appId, Integer perMinute,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn) {

	/** Keys expire at the end of their last day, in the time the console shows (Asia/Shanghai). */
	private static final ZoneId CONSOLE_ZONE = ZoneId.of("Asia/Shanghai");

	public boolean hasValidName() {
		return this.name != null && !this.name.isBlank() && this.name.strip().length() <= 100;
	}

	/**
	 * @throws IllegalArgumentException for a scope that does not exist
	 */
	public ApiKeyGrant grant() {
		Set<ApiScope> chosen = EnumSet.noneOf(ApiScope.class);
		for (String value : (this.scopes != null) ? this.scopes : List.<String>of()) {
			chosen.add(ApiScope.fromValue(value).orElseThrow(() -> new IllegalArgumentException("No scope " + value)));
		}
		if (chosen.isEmpty()) {
			chosen.add(ApiScope.CONTENT_READ);
		}
		List<String> patterns = (this.paths != null)
				? Arrays.stream(this.paths.split("[\\r\\n]+")).map(String::strip).filter((line) -> !line.isEmpty()).toList()
				: List.of();
		return new ApiKeyGrant(chosen, patterns, (this.appId == null || this.appId.isBlank()) ? null : this.appId.strip(),
				this.perMinute, (this.expiresOn != null) ? this.expiresOn.plusDays(1).atStartOfDay(CONSOLE_ZONE).toInstant()
						: null);
	}

}
