package io.atrium.console.image;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs the proxy fetches: absolute {@code https} URLs on port 443 of an allow-listed host name, or {@code http}
 * and {@code https} URLs of an allow-listed {@code host:port} (the demo's sandbox), under the path prefixes listed
 * for it if any (the sandbox's images, not its control API); no user info, no parameter that looks like a token. Host names are compared exactly (case aside), so numeric, octal or hexadecimal spellings
 * of addresses, trailing dots and look-alike names are all refused unless listed as such. Where a name leads is
 * checked separately, on every address it resolves to ({@link io.atrium.outbound.AddressPolicy}).
 */
class ImageUrlPolicy {

	private static final int MAX_LENGTH = 2048;

	private final Set<String> httpsHosts;

	/** {@code host:port} to the path prefixes it is confined to; an empty list allows every path. */
	private final Map<String, List<String>> plainHttpHosts;

	ImageUrlPolicy(ImageProxyProperties properties) {
		this.httpsHosts = lowerCase(properties.hosts());
		Map<String, List<String>> plain = new HashMap<>();
		for (String entry : lowerCase(properties.plainHttpHosts())) {
			int slash = entry.indexOf('/');
			List<String> prefixes = plain.computeIfAbsent((slash < 0) ? entry : entry.substring(0, slash),
					(hostAndPort) -> new ArrayList<>());
			if (slash >= 0) {
				prefixes.add(entry.substring(slash));
			}
		}
		plain.replaceAll((hostAndPort, prefixes) -> List.copyOf(prefixes));
		this.plainHttpHosts = Map.copyOf(plain);
	}

	/**
	 * The URL to fetch, without its fragment.
	 * @throws RefusedImageUrlException when the URL is malformed or not allowed
	 */
	URI check(String url) {
		if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
			throw RefusedImageUrlException.malformed("an absolute http(s) URL of at most 2048 characters is required");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw RefusedImageUrlException.malformed("not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!uri.isAbsolute() || uri.isOpaque() || !("https".equals(scheme) || "http".equals(scheme))) {
			throw RefusedImageUrlException.malformed("only http and https URLs are proxied");
		}
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			throw RefusedImageUrlException.malformed("URLs with user info are not proxied");
		}
		if (uri.getHost() == null) {
			throw RefusedImageUrlException.malformed("the URL names no valid host");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
		List<String> prefixes = this.plainHttpHosts.get(host + ":" + port);
		boolean httpsHost = "https".equals(scheme) && port == 443 && this.httpsHosts.contains(host);
		if (prefixes == null && !httpsHost) {
			throw RefusedImageUrlException.forbidden(this.httpsHosts.contains(host)
					? "this host is proxied over https on port 443 only" : "this host is not on the image allow-list");
		}
		if (!httpsHost && !prefixes.isEmpty() && !underOneOf(uri.getRawPath(), prefixes)) {
			throw RefusedImageUrlException.forbidden("only this host's image paths are proxied");
		}
		if (carriesToken(uri.getRawQuery())) {
			throw RefusedImageUrlException.forbidden("URLs carrying a token are not proxied");
		}
		// Rebuilt from the checked parts: the fragment stays behind, the scheme is lower case.
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return URI.create(scheme + "://" + uri.getRawAuthority() + path + query);
	}

	/**
	 * Whether the path lies under one of the prefixes, read as the host will read it: a path with dot segments or
	 * encoded dots, slashes or backslashes could climb out of its prefix, so it is under none.
	 */
	private static boolean underOneOf(String rawPath, List<String> prefixes) {
		String path = (rawPath != null) ? rawPath.toLowerCase(Locale.ROOT) : "";
		if (path.contains("%2e") || path.contains("%2f") || path.contains("%5c") || path.contains("\\")
				|| ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
			return false;
		}
		return prefixes.stream().anyMatch(path::startsWith);
	}

	/** An image URL has no business carrying {@code access_token} or any other token: never pass one on. */
	private static boolean carriesToken(String rawQuery) {
		if (rawQuery == null) {
			return false;
		}
		for (String parameter : rawQuery.split("[&;]")) {
			String name = parameter.split("=", 2)[0];
			try {
				name = URLDecoder.decode(name, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return true; // undecodable: refuse rather than guess
			}
			if (name.toLowerCase(Locale.ROOT).contains("token")) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> lowerCase(List<String> hosts) {
		return hosts.stream()
			.map((host) -> host.strip().toLowerCase(Locale.ROOT))
			.filter((host) -> !host.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

}
