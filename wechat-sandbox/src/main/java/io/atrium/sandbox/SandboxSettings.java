package io.atrium.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
 * @param ticketLifetime how long a ticket stays usable after it was issued (the latest one too; WeChat: 12 h)
 * @param tokenLifetime lifetime of component and authorizer access tokens ({@code expires_in})
 * @param supersededTokenGrace how long a token stays valid after a newer one was issued for the same account
 * @param preAuthCodeLifetime lifetime of pre-auth codes
 * @param authCodeLifetime lifetime of authorization codes (redirect {@code auth_code} and pushed ones)
 * @param rotateRefreshTokens whether {@code api_authorizer_token} answers a new refresh token each time (the old
 *        one then answers 61023); WeChat is reported to keep it unchanged, so this is off by default
 * @param seedDemoAccounts whether the three demo merchant accounts exist at start and after a reset
 * @param httpThreads threads serving WeChat API requests (the control API has threads of its own)
 * @param baseClock what the sandbox clock adds its offset to; the system clock (UTC) by default, a fixed or offset
 *        clock in tests that must start at a given instant (not a command-line option)
 * @param messageUrl the message URL (消息与事件接收URL) users' messages and events go to, with {@code $APPID$} where the
 *        account's appid belongs (e.g. {@code http://127.0.0.1:8080/wechat/accounts/$APPID$/messages});
 *        {@code null} = no messages are sent
 */
public record SandboxSettings(int port, String bindAddress, String publicBaseUrl, String componentAppId,
		String componentSecret, String componentToken, String componentAesKey, String callbackUrl,
		Duration ticketPushInterval, Duration ticketLifetime, Duration tokenLifetime, Duration supersededTokenGrace,
		Duration preAuthCodeLifetime, Duration authCodeLifetime, boolean rotateRefreshTokens,
		boolean seedDemoAccounts, int httpThreads, Clock baseClock, String messageUrl) {

	/** What stands for the account's appid in {@link #messageUrl()}, as in WeChat's platform settings. */
	public static final String APPID_PLACEHOLDER = "$APPID$";

	public SandboxSettings {
		Objects.requireNonNull(baseClock, "baseClock");
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
		if (messageUrl != null) {
			requireHttpUrl(messageUrl.replace(APPID_PLACEHOLDER, "wx0000000000000000"), "messageUrl");
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
				Duration.ofSeconds(600), false, true, 64, Clock.systemUTC(), null);
	}

	/** The settings without a message URL, as before {@code messageUrl} existed: no messages are sent. */
	public SandboxSettings(int port, String bindAddress, String publicBaseUrl, String componentAppId,
			String componentSecret, String componentToken, String componentAesKey, String callbackUrl,
			Duration ticketPushInterval, Duration ticketLifetime, Duration tokenLifetime, Duration supersededTokenGrace,
			Duration preAuthCodeLifetime, Duration authCodeLifetime, boolean rotateRefreshTokens,
			boolean seedDemoAccounts, int httpThreads, Clock baseClock) {
		this(port, bindAddress, publicBaseUrl, componentAppId, componentSecret, componentToken, componentAesKey,
				callbackUrl, ticketPushInterval, ticketLifetime, tokenLifetime, supersededTokenGrace,
				preAuthCodeLifetime, authCodeLifetime, rotateRefreshTokens, seedDemoAccounts, httpThreads, baseClock,
				null);
	}

	/** The settings without a base clock, as before {@code baseClock} existed: the system clock (UTC). */
	public SandboxSettings(int port, String bindAddress, String publicBaseUrl, String componentAppId,
			String componentSecret, String componentToken, String componentAesKey, String callbackUrl,
			Duration ticketPushInterval, Duration ticketLifetime, Duration tokenLifetime, Duration supersededTokenGrace,
			Duration preAuthCodeLifetime, Duration authCodeLifetime, boolean rotateRefreshTokens,
			boolean seedDemoAccounts, int httpThreads) {
		this(port, bindAddress, publicBaseUrl, componentAppId, componentSecret, componentToken, componentAesKey,
				callbackUrl, ticketPushInterval, ticketLifetime, tokenLifetime, supersededTokenGrace,
				preAuthCodeLifetime, authCodeLifetime, rotateRefreshTokens, seedDemoAccounts, httpThreads,
				Clock.systemUTC(), null);
	}

	public SandboxSettings withPort(int port) {
		return copy((copy) -> copy.port = port);
	}

	public SandboxSettings withBindAddress(String bindAddress) {
		return copy((copy) -> copy.bindAddress = bindAddress);
	}

	public SandboxSettings withPublicBaseUrl(String publicBaseUrl) {
		return copy((copy) -> copy.publicBaseUrl = publicBaseUrl);
	}

	public SandboxSettings withComponentAppId(String componentAppId) {
		return copy((copy) -> copy.componentAppId = componentAppId);
	}

	public SandboxSettings withComponentSecret(String componentSecret) {
		return copy((copy) -> copy.componentSecret = componentSecret);
	}

	public SandboxSettings withComponentToken(String componentToken) {
		return copy((copy) -> copy.componentToken = componentToken);
	}

	public SandboxSettings withComponentAesKey(String componentAesKey) {
		return copy((copy) -> copy.componentAesKey = componentAesKey);
	}

	public SandboxSettings withCallbackUrl(String callbackUrl) {
		return copy((copy) -> copy.callbackUrl = callbackUrl);
	}

	public SandboxSettings withTicketPushInterval(Duration ticketPushInterval) {
		return copy((copy) -> copy.ticketPushInterval = ticketPushInterval);
	}

	public SandboxSettings withTicketLifetime(Duration ticketLifetime) {
		return copy((copy) -> copy.ticketLifetime = ticketLifetime);
	}

	public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
		return copy((copy) -> copy.tokenLifetime = tokenLifetime);
	}

	public SandboxSettings withSupersededTokenGrace(Duration supersededTokenGrace) {
		return copy((copy) -> copy.supersededTokenGrace = supersededTokenGrace);
	}

	public SandboxSettings withPreAuthCodeLifetime(Duration preAuthCodeLifetime) {
		return copy((copy) -> copy.preAuthCodeLifetime = preAuthCodeLifetime);
	}

	public SandboxSettings withAuthCodeLifetime(Duration authCodeLifetime) {
		return copy((copy) -> copy.authCodeLifetime = authCodeLifetime);
	}

	public SandboxSettings withRotateRefreshTokens(boolean rotateRefreshTokens) {
		return copy((copy) -> copy.rotateRefreshTokens = rotateRefreshTokens);
	}

	public SandboxSettings withSeedDemoAccounts(boolean seedDemoAccounts) {
		return copy((copy) -> copy.seedDemoAccounts = seedDemoAccounts);
	}

	public SandboxSettings withHttpThreads(int httpThreads) {
		return copy((copy) -> copy.httpThreads = httpThreads);
	}

	public SandboxSettings withBaseClock(Clock baseClock) {
		return copy((copy) -> copy.baseClock = baseClock);
	}

	public SandboxSettings withMessageUrl(String messageUrl) {
		return copy((copy) -> copy.messageUrl = messageUrl);
	}

	/** The message URL for one account: {@code $APPID$} replaced by its appid; null when none is configured. */
	public String messageUrlFor(String appid) {
		return (this.messageUrl != null) ? this.messageUrl.replace(APPID_PLACEHOLDER, appid) : null;
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
				+ ", httpThreads=" + this.httpThreads + ", baseClock=" + this.baseClock + ", messageUrl="
				+ this.messageUrl + "]";
	}

	private SandboxSettings copy(Consumer<Copy> change) {
		Copy copy = new Copy(this);
		change.accept(copy);
		return copy.build();
	}

	/** A mutable copy of the settings, so that each {@code withX} names only the field it changes. */
	private static final class Copy {

		private int port;

		private String bindAddress;

		private String publicBaseUrl;

		private String componentAppId;

		private String componentSecret;

		private String componentToken;

		private String componentAesKey;

		private String callbackUrl;

		private Duration ticketPushInterval;

		private Duration ticketLifetime;

		private Duration tokenLifetime;

		private Duration supersededTokenGrace;

		private Duration preAuthCodeLifetime;

		private Duration authCodeLifetime;

		private boolean rotateRefreshTokens;

		private boolean seedDemoAccounts;

		private int httpThreads;

		private Clock baseClock;

		private String messageUrl;

		Copy(SandboxSettings settings) {
			this.port = settings.port;
			this.bindAddress = settings.bindAddress;
			this.publicBaseUrl = settings.publicBaseUrl;
			this.componentAppId = settings.componentAppId;
			this.componentSecret = settings.componentSecret;
			this.componentToken = settings.componentToken;
			this.componentAesKey = settings.componentAesKey;
			this.callbackUrl = settings.callbackUrl;
			this.ticketPushInterval = settings.ticketPushInterval;
			this.ticketLifetime = settings.ticketLifetime;
			this.tokenLifetime = settings.tokenLifetime;
			this.supersededTokenGrace = settings.supersededTokenGrace;
			this.preAuthCodeLifetime = settings.preAuthCodeLifetime;
			this.authCodeLifetime = settings.authCodeLifetime;
			this.rotateRefreshTokens = settings.rotateRefreshTokens;
			this.seedDemoAccounts = settings.seedDemoAccounts;
			this.httpThreads = settings.httpThreads;
			this.baseClock = settings.baseClock;
			this.messageUrl = settings.messageUrl;
		}

		SandboxSettings build() {
			return new SandboxSettings(this.port, this.bindAddress, this.publicBaseUrl, this.componentAppId,
					this.componentSecret, this.componentToken, this.componentAesKey, this.callbackUrl,
					this.ticketPushInterval, this.ticketLifetime, this.tokenLifetime, this.supersededTokenGrace,
					this.preAuthCodeLifetime, this.authCodeLifetime, this.rotateRefreshTokens, this.seedDemoAccounts,
					this.httpThreads, this.baseClock, this.messageUrl);
		}

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
