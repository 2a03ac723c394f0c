package io.atrium.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A merchant admin's browser on WeChat's (the sandbox's) authorization pages: opens a link, fills in the form of
 * one account (the ids the sandbox README documents), submits it, and follows redirects one at a time.
 */
final class MerchantBrowser {

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	HttpResponse<String> get(String url) {
		// Browsers do not send the fragment (#wechat_redirect).
		int hash = url.indexOf('#');
		return send(HttpRequest.newBuilder(URI.create((hash >= 0) ? url.substring(0, hash) : url)).GET());
	}

	/**
	 * Opens an authorization link, chooses the account and the sets and presses 「授权」.
	 * @return the sandbox's answer to the form: a 302 to the platform's redirect_uri when it worked
	 */
	HttpResponse<String> authorize(String link, String appId, List<Integer> sets) {
		HttpResponse<String> page = get(link);
		if (page.statusCode() != 200) {
			throw new IllegalStateException("Authorization page answered " + page.statusCode() + ": " + page.body());
		}
		String html = page.body();
		if (!html.contains("id=\"authorize-" + appId + "\"")) {
			throw new IllegalStateException("No 授权 button for " + appId);
		}
		Matcher form = Pattern
			.compile("<form method=\"post\" action=\"([^\"]+)\" id=\"form-" + appId + "\">(.*?)</form>", Pattern.DOTALL)
			.matcher(html);
		if (!form.find()) {
			throw new IllegalStateException("No form for " + appId);
		}
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(form.group(2));
		while (hidden.find()) {
			fields.put(hidden.group(1), unescape(hidden.group(2)));
		}
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"))
				+ sets.stream().map((set) -> "&permission_set=" + set).collect(Collectors.joining());
		URI action = URI.create(link).resolve(form.group(1));
		return send(HttpRequest.newBuilder(action)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException("No redirect; status " + response.statusCode()));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}
