package io.atrium.bench.load;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP as the run's clients speak it: every request has a deadline (the run counts requests past it), no
 * redirects are followed, and a console client keeps its cookies (session and CSRF) as a browser does.
 */
public final class Http {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

	private final HttpClient client;

	private final Duration deadline;

	private Http(HttpClient client, Duration deadline) {
		this.client = client;
		this.deadline = deadline;
	}

	/** A client without cookies (API keys, the sandbox's control API). */
	public static Http plain(Duration deadline) {
		return new Http(builder().build(), deadline);
	}

	/** A browser: its own cookie jar, shared by every thread that uses it (tabs of one browser). */
	public static Http browser(Duration deadline) {
		return new Http(builder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build(), deadline);
	}

	private static HttpClient.Builder builder() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, "http-client");
				thread.setDaemon(true);
				return thread;
			}));
	}

	public Answer get(String url, String... headers) {
		return send(request(url, headers).GET());
	}

	public Answer postForm(String url, Map<String, String> form, String... headers) {
		StringJoiner body = new StringJoiner("&");
		form.forEach((name, value) -> body.add(formField(name, value)));
		return postForm(url, body.toString(), headers);
	}

	/** A form whose body is already encoded (a field given more than once, say). */
	public Answer postForm(String url, String body, String... headers) {
		return send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** The same client (and cookies) with another deadline per request. */
	public Http withDeadline(Duration deadline) {
		return new Http(this.client, deadline);
	}

	/** A multipart form with one file, as a browser sends a form with a file input. */
	public Answer postMultipart(String url, Map<String, String> fields, String fileField, String fileName,
			String fileContent, String... headers) {
		String boundary = "----atrium-bench-" + Long.toHexString(System.nanoTime());
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
			.append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
			.append(value).append("\r\n"));
		body.append("--").append(boundary).append("\r\n")
			.append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
			.append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n")
			.append(fileContent).append("\r\n--").append(boundary).append("--\r\n");
		return send(request(url, headers).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	public static String formField(String name, String value) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public Answer postJson(String url, String json) {
		return send(request(url).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Answer putJson(String url, String json) {
		return send(request(url).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Answer delete(String url) {
		return send(request(url).DELETE());
	}

	/** The console's login form, as a person fills it in: the page, its CSRF token, the post. */
	public Answer logIn(String base, String username, String password) {
		Answer form = get(base + "/login", "Accept", "text/html");
		return postForm(base + "/login", Map.of("username", username, "password", password, "_csrf", csrf(form.body())),
				"Accept", "text/html");
	}

	/** The CSRF token of the first form on a page. */
	public static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the page");
		}
		return matcher.group(1);
	}

	private HttpRequest.Builder request(String url, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(this.deadline);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	private Answer send(HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers(), micros(start));
		}
		catch (HttpTimeoutException ex) {
			return new Answer(Recorder.DEADLINE, "", NO_HEADERS, micros(start));
		}
		catch (IOException ex) {
			return new Answer(Recorder.NO_ANSWER, String.valueOf(ex), NO_HEADERS, micros(start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(Recorder.NO_ANSWER, "interrupted", NO_HEADERS, micros(start));
		}
	}

	private static long micros(long start) {
		return (System.nanoTime() - start) / 1000;
	}

}
