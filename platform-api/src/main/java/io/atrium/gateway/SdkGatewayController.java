package io.atrium.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.atrium.apikey.ApiKey;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiScope;
import io.atrium.apikey.WeChatShapedRefusals;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.cache.TokenUnavailableException;
import io.atrium.token.component.TicketUnavailableException;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK-transparent gateway: an unchanged WeChat SDK whose API host is Atrium's address and whose account is an
 * Atrium key bound to one account, with {@code wechat:call}. The SDK fetches its "access token" from
 * {@code /cgi-bin/token} (or {@code stable_token}) with the key as its secret and gets the key back; its calls then
 * carry the key as {@code ?access_token=}, and Atrium swaps in the real token. Every refusal is in WeChat's shape with
 * the errcode an SDK acts on correctly (never a token error it would heal by itself: a refused real token is
 * healed here).
 */
@RestController
class SdkGatewayController {

	private static final Logger logger = LoggerFactory.getLogger(SdkGatewayController.class);

	/** What an SDK is told its "token" lives: it asks again after this, which costs nothing. */
	private static final int TOKEN_LIFETIME = 7200;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WeChatGateway gateway;

	private final ApiKeyService keys;

	SdkGatewayController(WeChatGateway gateway, ApiKeyService keys) {
		this.gateway = gateway;
		this.keys = keys;
	}

	/** {@code GET /cgi-bin/token?grant_type=client_credential&appid=..&secret=<key>}: the key is the token. */
	@GetMapping("/cgi-bin/token")
	void token(@RequestParam(name = "appid", required = false) String appId,
			@RequestParam(name = "secret", required = false) String secret, HttpServletResponse response)
			throws IOException {
		issue(appId, secret, response);
	}

	/** {@code POST /cgi-bin/stable_token} with {@code {"grant_type","appid","secret"}}: as {@link #token}. */
	@PostMapping("/cgi-bin/stable_token")
	void stableToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
		JsonNode body;
		try {
			body = json.readTree(request.getInputStream().readNBytes(4096));
		}
		catch (RuntimeException ex) {
			WeChatShapedRefusals.write(response, 47001, "data format error");
			return;
		}
		issue(body.path("appid").asString(null), body.path("secret").asString(null), response);
	}

	@RequestMapping(path = "/cgi-bin/**", method = { RequestMethod.GET, RequestMethod.POST })
	void forward(ApiKey key, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (key == null) {
			WeChatShapedRefusals.write(response, 41001,
					"access_token missing (Atrium: send an API key as access_token)");
			return;
		}
		if (!key.grant().has(ApiScope.WECHAT_CALL) || key.grant().appId() == null) {
			WeChatShapedRefusals.write(response, 48001,
					"api unauthorized (Atrium: this API key needs wechat:call and one account)");
			return;
		}
		try {
			GatewayExchange.write(
					this.gateway.forward(GatewayExchange.read(request, key, key.grant().appId(), request.getRequestURI())),
					response);
		}
		catch (GatewayRefusedException ex) {
			WeChatShapedRefusals.write(response, 48001, "api unauthorized (Atrium: " + ex.getMessage() + ")");
		}
		catch (AccountNotFoundException | AccountNotAuthorizedException ex) {
			WeChatShapedRefusals.write(response, 61003,
					"component is not authorized by this account (Atrium: " + ex.getMessage() + ")");
		}
		catch (PermissionNotGrantedException ex) {
			WeChatShapedRefusals.write(response, 61007,
					"api is unauthorized to component (Atrium: " + ex.getMessage() + ")");
		}
		catch (RateLimitedException ex) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
			boolean daily = ex.error() != null && ex.error().errcode() == 45009;
			WeChatShapedRefusals.write(response, daily ? 45009 : 45011, (daily ? "reach max api daily quota limit"
					: "api minute-quota reach limit, must slower, retry next minute") + " (Atrium: " + ex.getMessage()
					+ ")");
		}
		catch (WeChatUnavailableException | TokenUnavailableException | TicketUnavailableException
				| DataAccessException ex) {
			logger.warn("SDK gateway call answered -1: {}", ex.getClass().getSimpleName());
			WeChatShapedRefusals.write(response, -1, "system error (Atrium: try again shortly)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			WeChatShapedRefusals.write(response, -1, "system error");
		}
	}

	private void issue(String appId, String secret, HttpServletResponse response) throws IOException {
		ApiKey key = (secret != null) ? this.keys.authenticate(secret).orElse(null) : null;
		if (key == null || !key.grant().has(ApiScope.WECHAT_CALL)) {
			WeChatShapedRefusals.write(response, 40125,
					"invalid appsecret (Atrium: the secret must be an active API key with wechat:call)");
			return;
		}
		if (appId == null || !appId.equals(key.grant().appId())) {
			WeChatShapedRefusals.write(response, 40013,
					"invalid appid (Atrium: the appid must be the account the key is bound to)");
			return;
		}
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write(json.createObjectNode()
				.put("access_token", secret)
				.put("expires_in", TOKEN_LIFETIME)
				.toString());
	}

}
