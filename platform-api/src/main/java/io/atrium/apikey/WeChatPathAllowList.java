package io.atrium.apikey;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.util.ConcurrentLruCache;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The WeChat paths a key may call through the gateway: Spring's path patterns ({@code /cgi-bin/menu/*},
 * {@code /cgi-bin/message/**}, {@code /**}), matched against WeChat's path without query.
 */
public final class WeChatPathAllowList {

	private static final PathPatternParser PARSER = new PathPatternParser();

	/** Parsed once per distinct list, not on every gateway call (keys are few; the bound is a guard). */
	private static final ConcurrentLruCache<List<String>, WeChatPathAllowList> PARSED = new ConcurrentLruCache<>(
			1024, (paths) -> new WeChatPathAllowList(paths.stream().map(PARSER::parse).toList()));

	private final List<PathPattern> patterns;

	private WeChatPathAllowList(List<PathPattern> patterns) {
		this.patterns = patterns;
	}

	public static WeChatPathAllowList of(ApiKey key) {
		return PARSED.get(key.grant().wechatPaths());
	}

	public boolean allows(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return this.patterns.stream().anyMatch((pattern) -> pattern.matches(container));
	}

	/** @throws IllegalArgumentException when the pattern is not one */
	static void check(String pattern) {
		if (pattern == null || !pattern.startsWith("/") || pattern.length() > 200 || pattern.chars()
			.anyMatch((c) -> c <= ' ' || c == '?' || c == '#' || c > '~')) {
			throw new IllegalArgumentException("Not a WeChat path pattern: use paths such as /cgi-bin/menu/* or /cgi-bin/**");
		}
		try {
			PARSER.parse(pattern);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a WeChat path pattern: " + ex.getMessage());
		}
	}

}
