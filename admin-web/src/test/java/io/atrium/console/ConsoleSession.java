package io.atrium.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's browser, as far as HTTP goes: keeps its cookies (the session and the CSRF cookie) for localhost, sends
 * {@code Accept: text/html}, follows no redirects. {@link #on(int)} is a copy of its cookies as they are now,
 * talking to another instance (or the same one, as someone who copied the cookies would).
 */
public final class ConsoleSession {

	public static final String SESSION_COOKIE = "ATRIUM_SESSION";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies;

	private final HttpClient http;

	private final int port;

	public ConsoleSession(int port) {
		this(port, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
	}

	private ConsoleSession(int port, CookieManager cookies) {
		this.port = port;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();
	}

	/** Another browser holding a copy of this one's cookies as they are now, talking to {@code otherPort}. */
	public ConsoleSession on(int otherPort) {
		CookieManager copy = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		URI localhost = URI.create("http://localhost/");
		for (HttpCookie cookie : this.cookies.getCookieStore().getCookies()) {
			copy.getCookieStore().add(localhost, (HttpCookie) cookie.clone());
		}
		return new ConsoleSession(otherPort, copy);
	}

	/** The login form's CSRF token, then the form posted. */
	public HttpResponse<String> logIn(String username, String password) throws IOException, InterruptedException {
		String token = csrf(get("/login").body());
		return post("/login", Map.of("username", username, "password", password, "_csrf", token));
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	/** A GET as a script makes it, asking for JSON (actuator endpoints, say). */
	public HttpResponse<String> getJson(String path) throws IOException, InterruptedException {
		return send(request(path).setHeader("Accept", "application/json").GET());
	}

	/** A GET as htmx makes it when it polls part of a page. */
	public HttpResponse<String> htmxGet(String path) throws IOException, InterruptedException {
		return send(request(path).header("HX-Request", "true").GET());
	}

	public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		form.forEach((name, value) -> body.append((body.length() > 0) ? "&" : "")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/**
	 * A form with a file, as {@code enctype="multipart/form-data"} sends it: the fields, then the file's bytes as
	 * given (a test may send a file that is not UTF-8).
	 */
	public HttpResponse<String> postMultipart(String path, Map<String, String> form, String fileField, String fileName,
			byte[] file) throws IOException, InterruptedException {
		String boundary = "----atrium-test-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : form.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
					+ "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
				+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** The id of the session the browser holds, if it holds one (Spring Session's cookie is its Base64). */
	public Optional<String> session() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> SESSION_COOKIE.equals(cookie.getName()))
			.map((cookie) -> new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8))
			.findFirst();
	}

	/** Forgets every cookie, as closing the browser does. */
	public void forgetCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	/** The CSRF token of the first form on a page. */
	public static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).header("Accept", "text/html");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
