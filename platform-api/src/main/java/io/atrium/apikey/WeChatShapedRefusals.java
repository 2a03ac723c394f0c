package io.atrium.apikey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.security.core.AuthenticationException;

/**
 * Refusals in WeChat's own shape (HTTP 200, {@code errcode} and {@code errmsg}), for SDKs pointed at Atrium: a wrong
 * key is WeChat's 40001, a key past its limit WeChat's 45011, so the SDK reacts as it would to WeChat.
 */
public final class WeChatShapedRefusals implements KeyAuthenticationFilter.Refusals {

	@Override
	public void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		write(response, 40001, "invalid credential, access_token is invalid or not latest (Atrium: an unknown, "
				+ "revoked or expired API key)");
	}

	@Override
	public void limited(HttpServletResponse response, int perMinute, Duration wait) throws IOException {
		write(response, 45011, "api minute-quota reach limit, must slower, retry next minute (Atrium: this API key "
				+ "may make " + perMinute + " requests per minute)");
	}

	/** An answer as WeChat gives its errors: HTTP 200 and {@code {"errcode":N,"errmsg":".."}}. */
	public static void write(HttpServletResponse response, int errcode, String errmsg) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		StringBuilder answer = new StringBuilder("{\"errcode\":").append(errcode).append(",\"errmsg\":\"");
		JsonStringEncoder.getInstance().quoteAsString(errmsg, answer);
		response.getWriter().write(answer.append("\"}").toString());
	}

}
