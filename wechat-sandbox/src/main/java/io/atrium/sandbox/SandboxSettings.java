package io.atrium.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link WeChatSandbox} needs to start. Immutable; start from {@link #defaults()} and change fields
 * with the {@code withX} methods.
 *
 * @param port TCP port to listen on; 0 picks a free one
 * @param bindAddress address to bind, loopback by default
 * @param publicBaseUrl base URL that generated image URLs point at; {@code null} = {@code http://bindAddress:port}
 * @param componentAppId the third-party platform's appid
 * @param componentSecret the platform's appsecret ({@code api_component_token}, {@code api_start_push_ticket})
 * @param componentToken the message-check Token pushes are signed with
 * @param componentAesKey the 43-character EncodingAESKey pushes are encrypted with
 * @param callbackUrl the auth-event URL (授权事件接收URL) pushes go to; {@code null} = no pushes
 * @param ticketPushInterval sandbox time between two ticket pushes; {@link Duration#ZERO} = no periodic pushes
 * @param ticketLifetime how long a ticket that is no longer the latest stays usable
 * @param tokenLifetime lifetime of component and authorizer access tokens ({@code expires_in})
 * @param supersededTokenGrace how long a token stays valid after a newer one was issued for the same account
 * @param preAuthCodeLifetime lifetime of pre-auth codes
 * @param authCodeLifetime lifetime of authorization codes (redirect {@code auth_code} and pushed ones)
 * @param rotateRefreshTokens whether {@code api_authorizer_token} answers a new refresh token each time (the old
 *        one then answers 61023); WeChat is reported to keep it unchanged, so this is off by default
 * @param seedDemoAccounts whether the three demo merchant accounts exist at start and after a reset
 * @param httpThreads threads serving HTTP requests
 */
public record SandboxSettings(int port, String bindAddress, String publicBaseUrl, String componentAppId,
		String componentSecret, String componentToken, String componentAesKey, String callbackUrl,
		Duration ticketPushInterval, Duration ticketLifetime, Duration tokenLifetime, Duration supersededTokenGrace,
		Duration preAuthCodeLifetime, Duration authCodeLifetime, boolean rotateRefreshTokens,
		boolean seedDemoAccounts, int httpThreads) {

	public SandboxSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0..65535");
		}
		requireText(bindAddress, "bindAddress");
		requireText(componentAppId, "componentAppId");
		requireText(componentSecret, "componentSecret");
		requireText(componentToken, "componentToken");
		requireText(componentAesKey, "componentAesKey");
		if (componentAesKey.length() != 43) {
			throw new IllegalArgumentException("componentAesKey must be 43 characters");
		}
		if (callbackUrl != null) {
			requireHttpUrl(callbackUrl, "callbackUrl");
		}
		if (publicBaseUrl != null) {
			requireHttpUrl(publicBaseUrl, "publicBaseUrl");
			publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
					: publicBaseUrl;
		}
		requireNotNegative(ticketPushInterval, "ticketPushInterval");
		requirePositive(ticketLifetime, "ticketLifetime");
		requirePositive(tokenLifetime, "tokenLifetime");
		requireNotNegative(supersededTokenGrace, "supersededTokenGrace");
		requirePositive(preAuthCodeLifetime, "preAuthCodeLifetime");
		requirePositive(authCodeLifetime, "authCodeLifetime");
		if (httpThreads < 1) {
			throw new IllegalArgumentException("httpThreads must be at least 1");
		}
	}

	/**
	 * Loopback, a free port, the demo component, no callback (so no pushes), 10-minute ticket pushes, 2-hour tokens,
	 * demo accounts seeded.
	 */
	public static SandboxSettings defaults() {
		return new SandboxSettings(0, "127.0.0.1", null, "wx3c2a8f5e1b7d9a40", "5d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c",
				"atriumsandboxtoken", "Q2FuZGJveEF0cml1bUVuY29kaW5nQUVTS2V5MDEyMzQ", null, Duration.ofMinutes(10),
				Duration.ofHours(12), Duration.ofSeconds(7200), Duration.ofMinutes(5), Duration.ofSeconds(1800),
				Duration.ofSeconds(600), false, true, 64);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withBindAddress(String bindAddress) {
		return new SandboxSettings(this.port, bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withPublicBaseUrl(String publicBaseUrl) {
		return new SandboxSettings(this.port, this.bindAddress, publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withComponentAppId(String componentAppId) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withComponentSecret(String componentSecret) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withComponentToken(String componentToken) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withComponentAesKey(String componentAesKey) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withCallbackUrl(String callbackUrl) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withTicketPushInterval(Duration ticketPushInterval) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withTicketLifetime(Duration ticketLifetime) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withSupersededTokenGrace(Duration supersededTokenGrace) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withPreAuthCodeLifetime(Duration preAuthCodeLifetime) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withAuthCodeLifetime(Duration authCodeLifetime) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withRotateRefreshTokens(boolean rotateRefreshTokens) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, rotateRefreshTokens, this.seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withSeedDemoAccounts(boolean seedDemoAccounts) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, seedDemoAccounts,
				this.httpThreads);
	}

	public SandboxSettings withHttpThreads(int httpThreads) {
		return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
				this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
				this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
				this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
				httpThreads);
	}

	/** Secrets stay out of {@code toString()}, which ends up in logs. */
	@Override
	public String toString() {
		return "SandboxSettings[port=" + this.port + ", bindAddress=" + this.bindAddress + ", publicBaseUrl="
				+ this.publicBaseUrl + ", componentAppId=" + this.componentAppId + ", callbackUrl=" + this.callbackUrl
				+ ", ticketPushInterval=" + this.ticketPushInterval + ", ticketLifetime=" + this.ticketLifetime
				+ ", tokenLifetime=" + this.tokenLifetime + ", supersededTokenGrace=" + this.supersededTokenGrace
				+ ", preAuthCodeLifetime=" + this.preAuthCodeLifetime + ", authCodeLifetime=" + this.authCodeLifetime
				+ ", rotateRefreshTokens=" + this.rotateRefreshTokens + ", seedDemoAccounts=" + this.seedDemoAccounts
				+ ", httpThreads=" + this.httpThreads + "]";
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private static void requireHttpUrl(String value, String name) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " is not a URL: " + value, ex);
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
				|| uri.getHost() == null) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + value);
		}
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	private static void requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
	}

}
