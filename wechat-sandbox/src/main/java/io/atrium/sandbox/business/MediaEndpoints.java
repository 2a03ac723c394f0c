package io.atrium.sandbox.business;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.component.Authorization;
import io.atrium.sandbox.component.Credentials;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Multipart;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.http.WeChatError;
import io.atrium.sandbox.http.WeChatReplies;
import io.atrium.sandbox.limits.ApiCalls;
import io.atrium.sandbox.limits.Quotas;
import tools.jackson.databind.node.ObjectNode;

/**
 * 临时素材 (official uploadTempMedia and getMedia pages):
 * <ul>
 * <li>{@code POST /cgi-bin/media/upload?access_token=AUTHORIZER_TOKEN&type=image|voice|video|thumb} with a
 * {@code multipart/form-data} body whose file part is named {@code media} answers
 * {@code {"type":"image","media_id":"...","created_at":1700000000}}. Check order: injected fault, token (41001,
 * 40001, 61003, 42001), permission set (61007), quota (45009, 45011), {@code type} (40004 {@code invalid media
 * type}), the file (41005 {@code media data missing}: not multipart, no {@code media} part with a file name, or an
 * empty file; UNCONFIRMED for the last two), its extension (40005), its size ({@link MediaType}).</li>
 * <li>{@code GET /cgi-bin/media/get?access_token=AUTHORIZER_TOKEN&media_id=...} answers the file with its
 * {@code Content-Type} and {@code Content-disposition: attachment; filename="MEDIA_ID.ext"}, or for a video
 * {@code {"video_url":"..."}} pointing at the sandbox ({@code GET /video/{media_id}}, served like a CDN without a
 * token). 40007 {@code invalid media_id} for an unknown, expired or other account's id; 41006 {@code media_id
 * missing} without one (UNCONFIRMED).</li>
 * </ul>
 * Upload bodies are read up to {@value #MAX_UPLOAD_BODY_BYTES} bytes, so that a file somewhat over its type's limit
 * still gets WeChat's size error; beyond that the router answers 413, as a front server would.
 */
public final class MediaEndpoints {

	static final int MAX_UPLOAD_BODY_BYTES = 20 * 1024 * 1024;

	private static final String VIDEO_PATH = "/video/";

	private final ApiCalls calls;

	private final Quotas quotas;

	private final Credentials credentials;

	private final TemporaryMedia media;

	private final WeChatReplies replies;

	private final String publicBaseUrl;

	public MediaEndpoints(ApiCalls calls, Quotas quotas, Credentials credentials, TemporaryMedia media,
			WeChatReplies replies, String publicBaseUrl) {
		this.calls = calls;
		this.quotas = quotas;
		this.credentials = credentials;
		this.media = media;
		this.replies = replies;
		this.publicBaseUrl = publicBaseUrl;
	}

	public void register(Router router) {
		router.add("POST", ApiEndpoint.MEDIA_UPLOAD.path(), this::upload, MAX_UPLOAD_BODY_BYTES);
		router.add("GET", ApiEndpoint.MEDIA_GET.path(), this::get);
		router.add("GET", VIDEO_PATH + "{mediaId}", this::video);
	}

	private Reply upload(Request request) throws Exception {
		ApiEndpoint endpoint = ApiEndpoint.MEDIA_UPLOAD;
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token), request, (call) -> {
			String appid = authorize(endpoint, token);
			MediaType type = MediaType.fromWire(request.query("type"))
				.orElseThrow(WeChatError.INVALID_MEDIA_TYPE::exception);
			Multipart.Part file = mediaPart(request);
			String extension = extension(file.filename());
			String contentType = type.contentType(extension).orElseThrow(WeChatError.INVALID_FILE_TYPE::exception);
			if (file.content().length > type.maxBytes()) {
				throw type.tooLarge().exception();
			}
			TemporaryMedia.Medium medium = this.media.add(appid, type, extension, contentType, file.content());
			ObjectNode answer = Json.object();
			answer.put("type", type.wire());
			answer.put("media_id", medium.mediaId());
			answer.put("created_at", medium.createdAt());
			return this.replies.data(answer);
		});
	}

	private Reply get(Request request) throws Exception {
		ApiEndpoint endpoint = ApiEndpoint.MEDIA_GET;
		String token = Credentials.presentedToken(request, endpoint);
		return this.calls.run(endpoint, this.credentials.authorizerTokenOwner(token), request, (call) -> {
			String appid = authorize(endpoint, token);
			String mediaId = request.query("media_id");
			if (mediaId == null || mediaId.isEmpty()) {
				throw WeChatError.MEDIA_ID_MISSING.exception();
			}
			TemporaryMedia.Medium medium = this.media.find(appid, mediaId)
				.orElseThrow(WeChatError.INVALID_MEDIA_ID::exception);
			if (medium.type() == MediaType.VIDEO) {
				ObjectNode answer = Json.object();
				answer.put("video_url", this.publicBaseUrl + VIDEO_PATH + medium.mediaId());
				return this.replies.data(answer);
			}
			return new Reply(200, medium.contentType(), medium.content(),
					Map.of("Content-disposition",
							"attachment; filename=\"" + medium.mediaId() + "." + medium.extension() + "\"",
							"Cache-Control", "no-cache, must-revalidate"));
		});
	}

	/** A video's download URL: no token, as a CDN link; 404 once the video has expired. */
	private Reply video(Request request) {
		return this.media.findVideo(request.pathParam("mediaId"))
			.map((medium) -> new Reply(200, medium.contentType(), medium.content(), Map.of()))
			.orElseGet(() -> Reply.text(404, "404 Not Found"));
	}

	/** Token and permission set, then the quota; the account's appid. */
	private String authorize(ApiEndpoint endpoint, String token) {
		Authorization authorization = this.credentials.checkAuthorizerToken(token);
		if (!authorization.grantsAny(endpoint.permissionSets())) {
			throw WeChatError.API_UNAUTHORIZED_TO_COMPONENT.exception();
		}
		this.quotas.consume(authorization.appid(), endpoint);
		return authorization.appid();
	}

	private static Multipart.Part mediaPart(Request request) {
		List<Multipart.Part> parts;
		try {
			parts = Multipart.parse(request.header("Content-Type"), request.body());
		}
		catch (Multipart.MalformedMultipartException ex) {
			throw WeChatError.MEDIA_DATA_MISSING.exception();
		}
		return parts.stream()
			.filter((part) -> "media".equals(part.name()) && part.filename() != null)
			.filter((part) -> part.content().length > 0)
			.findFirst()
			.orElseThrow(WeChatError.MEDIA_DATA_MISSING::exception);
	}

	/** The extension of a file name in lower case, or "" when it has none. */
	private static String extension(String filename) {
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

}
