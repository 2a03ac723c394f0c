package io.atrium.sandbox.business;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import io.atrium.sandbox.AbstractSandboxTests;
import io.atrium.sandbox.SandboxClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code media/upload} and {@code media/get} (temporary media) with an authorizer access token. */
class MediaEndpointsTests extends AbstractSandboxTests {

	private static final String UPLOAD = "/cgi-bin/media/upload";

	private static final String GET = "/cgi-bin/media/get";

	private static final String BOUNDARY = "----AtriumSandboxBoundary7MA4YWxkTrZu0gW";

	private static final int MB = 1024 * 1024;

	@Test
	void anUploadedImageIsAnsweredWithItsIdAndServedBack() {
		String token = client.authorizerToken(FULL);
		byte[] png = bytes(5000, 7);
		long now = client.now();

		JsonNode uploaded = upload(token, "image", "photo.PNG", png);

		assertThat(uploaded.has("errcode")).isFalse();
		assertThat(uploaded.get("type").asString()).isEqualTo("image");
		assertThat(uploaded.get("media_id").asString()).matches("[A-Za-z0-9_-]{64}");
		assertThat(uploaded.get("created_at").asLong()).isBetween(now, client.now());
		SandboxClient.Response file = get(token, uploaded.get("media_id").asString());
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo("image/png");
		assertThat(file.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + uploaded.get("media_id").asString() + ".png\"");
		assertThat(file.bytes()).isEqualTo(png);
	}

	@ParameterizedTest
	@CsvSource({ "voice, a.mp3, audio/mpeg", "voice, a.amr, audio/amr", "thumb, a.jpg, image/jpeg",
			"image, a.gif, image/gif", "image, a.jpeg, image/jpeg" })
	void eachTypeIsServedWithItsContentType(String type, String filename, String contentType) {
		String token = client.authorizerToken(FULL);
		JsonNode uploaded = upload(token, type, filename, bytes(100, 1));
		assertThat(uploaded.get("type").asString()).isEqualTo(type);
		assertThat(get(token, uploaded.get("media_id").asString()).header("Content-Type")).isEqualTo(contentType);
	}

	@Test
	void aVideoIsAnsweredWithAVideoUrlThatServesIt() {
		String token = client.authorizerToken(FULL);
		byte[] mp4 = bytes(3 * MB, 3);
		String mediaId = upload(token, "video", "clip.mp4", mp4).get("media_id").asString();

		JsonNode answer = get(token, mediaId).json();

		String url = answer.get("video_url").asString();
		assertThat(url).isEqualTo(client.baseUrl() + "/video/" + mediaId);
		SandboxClient.Response video = client.get(url.substring(client.baseUrl().length()));
		assertThat(video.status()).isEqualTo(200);
		assertThat(video.header("Content-Type")).isEqualTo("video/mp4");
		assertThat(video.bytes()).isEqualTo(mp4);
		assertThat(client.get("/video/unknown").status()).isEqualTo(404);
	}

	@ParameterizedTest
	@CsvSource({ "image, a.png, 10485760, 40009", "voice, a.mp3, 2097152, 40010", "video, a.mp4, 10485760, 40011",
			"thumb, a.jpg, 65536, 40012" })
	void eachTypeHasItsSizeLimit(String type, String filename, int limit, int errcode) {
		String token = client.authorizerToken(FULL);
		assertThat(upload(token, type, filename, bytes(limit, 5)).has("media_id")).isTrue();
		assertError(upload(token, type, filename, bytes(limit + 1, 5)), errcode);
	}

	@Test
	void anUnknownOrMissingTypeAnswers40004() {
		String token = client.authorizerToken(FULL);
		JsonNode answer = upload(token, "gif", "a.gif", bytes(10, 1));
		assertError(answer, 40004);
		assertThat(answer.get("errmsg").asString()).startsWith("invalid media type rid: ");
		assertError(client.postBytes(UPLOAD + "?access_token=" + token, "multipart/form-data; boundary=" + BOUNDARY,
				multipart("media", "a.png", bytes(10, 1))).json(), 40004);
	}

	@Test
	void aFileNameNotMatchingTheTypeAnswers40005() {
		String token = client.authorizerToken(FULL);
		assertError(upload(token, "video", "clip.png", bytes(10, 1)), 40005);
		assertError(upload(token, "thumb", "a.png", bytes(10, 1)), 40005);
		assertError(upload(token, "image", "noextension", bytes(10, 1)), 40005);
	}

	@Test
	void noMediaPartAnswers41005() {
		String token = client.authorizerToken(FULL);
		String url = UPLOAD + "?access_token=" + token + "&type=image";
		String multipartType = "multipart/form-data; boundary=" + BOUNDARY;
		JsonNode wrongName = client.postBytes(url, multipartType, multipart("file", "a.png", bytes(10, 1))).json();
		assertError(wrongName, 41005);
		assertThat(wrongName.get("errmsg").asString()).startsWith("media data missing rid: ");
		assertError(client.postBytes(url, multipartType, multipart("media", null, bytes(10, 1))).json(), 41005);
		assertError(client.postBytes(url, multipartType, multipart("media", "a.png", new byte[0])).json(), 41005);
		assertError(client.postBytes(url, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).json(), 41005);
		assertError(client.postBytes(url, multipartType, "garbage".getBytes(StandardCharsets.UTF_8)).json(), 41005);
	}

	@Test
	void unknownOrMissingMediaIdAnswers40007Or41006() {
		String token = client.authorizerToken(FULL);
		JsonNode unknown = get(token, "nope").json();
		assertError(unknown, 40007);
		assertThat(unknown.get("errmsg").asString()).startsWith("invalid media_id rid: ");
		assertError(client.get(GET + "?access_token=" + token).json(), 41006);
	}

	@Test
	void anotherAccountsMediaIdAnswers40007() {
		String mediaId = upload(client.authorizerToken(FULL), "image", "a.png", bytes(10, 1)).get("media_id")
			.asString();
		Map<String, Object> account = Map.of("permissionSets", java.util.List.of(11));
		String other = client.control("/sandbox/accounts", account).get("appid").asString();
		assertError(get(client.authorizerToken(other), mediaId).json(), 40007);
	}

	@Test
	void mediaExpireAfterThreeDaysOfSandboxTime() {
		String mediaId = upload(client.authorizerToken(FULL), "video", "a.mp4", bytes(10, 1)).get("media_id")
			.asString();
		client.advance(3 * 24 * 3600 - 1);
		String token = client.authorizerToken(FULL);
		assertThat(get(token, mediaId).json().has("video_url")).isTrue();
		client.advance(1);
		assertError(get(token, mediaId).json(), 40007);
		assertThat(client.get("/video/" + mediaId).status()).isEqualTo(404);
	}

	@Test
	void withoutAMediaPermissionSetBothAnswer61007() {
		String token = client.authorizerToken(FULL, 2, 7, 15);
		assertError(upload(token, "image", "a.png", bytes(10, 1)), 61007);
		assertError(get(token, "any").json(), 61007);
		// Set 1 (消息管理) is one of the sets the media pages list, beside 11.
		assertThat(upload(client.authorizerToken(FULL, 1), "image", "a.png", bytes(10, 1)).has("media_id")).isTrue();
	}

	@Test
	void tokenErrors() {
		assertError(client.postBytes(UPLOAD + "?type=image", "multipart/form-data; boundary=" + BOUNDARY,
				multipart("media", "a.png", bytes(10, 1))).json(), 41001);
		assertError(upload("unknown-token", "image", "a.png", bytes(10, 1)), 40001);
		String token = client.authorizerToken(FULL);
		client.advance(7200);
		assertError(upload(token, "image", "a.png", bytes(10, 1)), 42001);
		assertError(get(token, "any").json(), 42001);
	}

	@Test
	void bothAreMeteredAndReadByQuotaGet() {
		String token = client.authorizerToken(FULL);
		String mediaId = upload(token, "image", "a.png", bytes(10, 1)).get("media_id").asString();
		get(token, mediaId);
		get(token, mediaId);
		assertThat(quota(token, UPLOAD).get("used").asInt()).isEqualTo(1);
		assertThat(quota(token, GET).get("used").asInt()).isEqualTo(2);
		SandboxQuota.set(client, UPLOAD, FULL, 1);
		assertError(upload(token, "image", "a.png", bytes(10, 1)), 45009);
	}

	@Test
	void uploadsMayBeLargerThanOtherBodiesButNotUnbounded() {
		String token = client.authorizerToken(FULL);
		assertThat(client.postBytes(UPLOAD + "?access_token=" + token + "&type=video",
				"multipart/form-data; boundary=" + BOUNDARY, multipart("media", "a.mp4", bytes(20 * MB, 1))).status())
			.isEqualTo(413);
		SandboxClient.Response other = client.postBytes("/cgi-bin/freepublish/batchget?access_token=" + token,
				"application/json", bytes(4 * MB + 1, 1));
		assertThat(other.status()).isEqualTo(413);
	}

	private static JsonNode upload(String token, String type, String filename, byte[] content) {
		SandboxClient.Response response = client.postBytes(UPLOAD + "?access_token=" + token + "&type=" + type,
				"multipart/form-data; boundary=" + BOUNDARY, multipart("media", filename, content));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static SandboxClient.Response get(String token, String mediaId) {
		return client.get(GET + "?access_token=" + token + "&media_id=" + mediaId);
	}

	private static JsonNode quota(String token, String path) {
		return client.call("/cgi-bin/openapi/quota/get?access_token=" + token, Map.of("cgi_path", path))
			.get("quota");
	}

	/** A form as curl -F sends it: one file part, with WeChat's optional filelength parameter. */
	static byte[] multipart(String name, String filename, byte[] content) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
				+ ((filename != null) ? "; filename=\"" + filename + "\"; filelength=" + content.length : "");
		write(body, "--" + BOUNDARY + "\r\n" + disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + BOUNDARY + "--\r\n");
		return body.toByteArray();
	}

	/** Bytes that contain CRLFs and dashes, so that the parser cannot rely on their absence. */
	private static byte[] bytes(int length, int seed) {
		byte[] bytes = new byte[length];
		byte[] pattern = ("\r\n--" + seed + "-\r\n\u0000\u00ff").getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < length; i++) {
			bytes[i] = pattern[(i * 7 + seed) % pattern.length];
		}
		return Arrays.copyOf(bytes, length);
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
