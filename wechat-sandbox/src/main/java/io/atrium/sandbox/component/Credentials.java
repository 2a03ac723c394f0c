package io.atrium.sandbox.component;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.WeChatBody;
import io.atrium.sandbox.http.WeChatError;

/**
 * The one place that checks what a WeChat API call presents: the access token (read from the parameters its
 * endpoint takes), the component appid and the appsecret. Component, quota and business endpoints all check
 * through here, so the codes and their order are the same everywhere.
 */
public final class Credentials {

	private final String componentAppId;

	private final ComponentState state;

	private final ComponentSecret secret;

	public Credentials(SandboxSettings settings, ComponentState state) {
		this.componentAppId = settings.componentAppId();
		this.state = state;
		this.secret = new ComponentSecret(settings.componentSecret());
	}

	public String componentAppId() {
		return this.componentAppId;
	}

	/**
	 * The token a call presents: the first non-empty one of the query parameters its endpoint takes
	 * ({@link ApiEndpoint.TokenKind#parameters()}); null when there is none.
	 */
	public static String presentedToken(Request request, ApiEndpoint endpoint) {
		for (String name : endpoint.tokenKind().parameters()) {
			String value = request.query(name);
			if (value != null && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/** The account a presented authorizer token belongs to, valid or not (for fault targeting and counting). */
	public String authorizerTokenOwner(String token) {
		return this.state.authorizerTokens().ownerOf(token).orElse(null);
	}

	/** Whether a presented token is a component token (valid or not). */
	public boolean isComponentToken(String token) {
		return this.state.componentTokens().ownerOf(token).isPresent();
	}

	/** Checks a component access token: 41001 missing, 40001 unknown/superseded, 42001 expired. */
	public String checkComponentToken(String token) {
		if (token == null || token.isEmpty()) {
			throw WeChatError.ACCESS_TOKEN_MISSING.exception();
		}
		return this.state.componentTokens().check(token);
	}

	/**
	 * Checks an authorizer access token: 41001 missing, 40001 unknown, 61003 its account no longer authorizes the
	 * platform, then 40001 (superseded, invalidated) or 42001 (expired).
	 * @return the account's current authorization
	 */
	public Authorization checkAuthorizerToken(String token) {
		if (token == null || token.isEmpty()) {
			throw WeChatError.ACCESS_TOKEN_MISSING.exception();
		}
		String owner = this.state.authorizerTokens()
			.ownerOf(token)
			.orElseThrow(WeChatError.INVALID_CREDENTIAL::exception);
		Authorization authorization = this.state.authorizations()
			.find(owner)
			.orElseThrow(WeChatError.COMPONENT_NOT_AUTHORIZED::exception);
		this.state.authorizerTokens().check(token);
		return authorization;
	}

	/** Throws {@code otherwise} (61011, or 40013 on api_start_push_ticket) unless the body names this component. */
	public void requireComponentAppId(WeChatBody body, WeChatError otherwise) {
		if (!this.componentAppId.equals(body.string("component_appid"))) {
			throw otherwise.exception();
		}
	}

	/** Throws 41004 when no appsecret was sent, 40125 when it is not the component's. */
	public void requireSecret(String presented) {
		this.secret.require(presented);
	}

}
