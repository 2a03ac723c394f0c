package io.atrium.console.content;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.content.InvalidContentRequestException;
import io.atrium.content.MaterialFile;
import io.atrium.content.MaterialMedia;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code GET /accounts/{appId}/materials/{mediaId}/media}: a voice's or a video's bytes for the materials page's
 * players, through Atrium ({@link MaterialMedia}: {@code get_material} under the account's limits, a video from its
 * {@code down_url}). The account is looked up in the user's scope first (another tenant's is a 404); the bytes are
 * streamed, never held, and the stream is closed on every path, the browser going away included. No token or
 * WeChat URL reaches the browser. Refusals answer a short {@code text/plain} reason.
 */
@Controller
class MaterialMediaController {

	private static final Logger logger = LoggerFactory.getLogger(MaterialMediaController.class);

	/** What is passed on as it is; anything else is an attachment of no particular type. */
	private static final Set<String> PLAYABLE = Set.of("audio", "video");

	private static final Set<String> IMAGES = Set.of("png", "jpeg", "gif", "webp", "bmp");

	private final ConsoleAccess access;

	private final MaterialMedia media;

	MaterialMediaController(ConsoleAccess access, MaterialMedia media) {
		this.access = access;
		this.media = media;
	}

	@GetMapping("/accounts/{appId}/materials/{mediaId}/media")
	void media(@PathVariable String appId, @PathVariable String mediaId, HttpServletResponse response)
			throws IOException {
		OfficialAccount account = this.access.account(appId);
		MaterialFile file;
		try {
			file = this.media.open(this.access.scope(), account.appId(), mediaId);
		}
		catch (RuntimeException ex) {
			refuse(ex, response);
			return;
		}
		try (file) {
			response.setStatus(HttpServletResponse.SC_OK);
			safeHeaders(response);
			// The account's content, for this user: a private cache may keep it a while, a shared one never.
			response.setHeader("Cache-Control", "private, max-age=300");
			response.setContentType(passedOn(file.contentType()));
			if (file.contentLength() >= 0) {
				response.setContentLengthLong(file.contentLength());
			}
			OutputStream out = response.getOutputStream();
			file.body().transferTo(out);
		}
	}

	/** Audio, video and raster images as declared; anything else is bytes the browser must not interpret. */
	private static String passedOn(String declared) {
		try {
			MediaType type = (declared != null) ? MediaType.parseMediaType(declared) : null;
			if (type != null) {
				String main = type.getType().toLowerCase(Locale.ROOT);
				String sub = type.getSubtype().toLowerCase(Locale.ROOT);
				if (PLAYABLE.contains(main) || ("image".equals(main) && IMAGES.contains(sub))) {
					return main + "/" + sub;
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			// passed on as bytes below
		}
		return MediaType.APPLICATION_OCTET_STREAM_VALUE;
	}

	private static void refuse(RuntimeException ex, HttpServletResponse response) throws IOException {
		HttpStatus status;
		if (ex instanceof WeChatApiException wechat && wechat.kind() == WeChatErrorKind.NOT_FOUND) {
			status = HttpStatus.NOT_FOUND;
		}
		else if (ex instanceof PermissionNotGrantedException || ex instanceof AccountNotAuthorizedException) {
			status = HttpStatus.FORBIDDEN;
		}
		else if (ex instanceof RateLimitedException) {
			status = HttpStatus.TOO_MANY_REQUESTS;
		}
		else if (ex instanceof InvalidContentRequestException) {
			status = HttpStatus.BAD_REQUEST;
		}
		else if (ex instanceof AccountNotFoundException) {
			status = HttpStatus.NOT_FOUND;
		}
		else {
			logger.warn("Material media unavailable: {}", ex.toString());
			status = HttpStatus.BAD_GATEWAY;
		}
		response.setStatus(status.value());
		safeHeaders(response);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("Material not available: " + status.getReasonPhrase());
	}

	/** As the image proxy's: bytes shown by this site's pages only, never sniffed into a document. */
	private static void safeHeaders(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
	}

}
