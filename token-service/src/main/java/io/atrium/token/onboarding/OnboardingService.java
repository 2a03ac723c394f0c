package io.atrium.token.onboarding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.PublicUrlProperties;
import io.atrium.token.WeChatComponentProperties;
import io.atrium.token.cache.TokenUnavailableException;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.component.TicketUnavailableException;
import io.atrium.token.onboarding.OnboardingStatus.Phase;
import io.atrium.token.onboarding.OnboardingStatus.Refusal;
import io.atrium.token.onboarding.ReturnResult.Outcome;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.token.wechat.ComponentClient.PreAuthCode;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Onboarding (protocol reference §1.3–1.5): a tenant asks for authorization links; the merchant authorizes on
 * WeChat's page; the browser's return and WeChat's {@code authorized} push (whichever comes first) redeem the code
 * once, for the tenant that asked and no other. The links carry a signed {@code state} binding tenant, session
 * and expiry; the push is bound through its pre-auth code, which Atrium knows by hash only.
 */
@Service
public class OnboardingService {

	private static final Logger logger = LoggerFactory.getLogger(OnboardingService.class);

	static final String RETURN_PATH = "/wechat/authorization/return";

	static final String RETURN_ACTOR = "onboarding:return";

	/** {@code auth_type=1}: WeChat's page lists Official Accounts only. */
	private static final String AUTH_TYPE = "1";

	private final ComponentClient client;

	private final ComponentTokenManager componentTokens;

	private final OnboardingSessions sessions;

	private final AuthorizationClaims claims;

	private final AuthorizationRedeemer redeemer;

	private final StateSigner signer;

	private final TenantRepository tenants;

	private final OfficialAccountRepository accounts;

	private final WeChatComponentProperties wechat;

	private final String returnUrl;

	private final Clock clock;

	OnboardingService(ComponentClient client, ComponentTokenManager componentTokens, OnboardingSessions sessions,
			AuthorizationClaims claims, AuthorizationRedeemer redeemer, StateSigner signer, TenantRepository tenants,
			OfficialAccountRepository accounts, WeChatComponentProperties wechat, PublicUrlProperties publicUrl,
			Clock clock) {
		this.client = client;
		this.componentTokens = componentTokens;
		this.sessions = sessions;
		this.claims = claims;
		this.redeemer = redeemer;
		this.signer = signer;
		this.tenants = tenants;
		this.accounts = accounts;
		this.wechat = wechat;
		this.returnUrl = publicUrl.publicBaseUrl() + RETURN_PATH;
		this.clock = clock;
	}

	/**
	 * Starts onboarding for a tenant: a fresh pre-auth code, a session in PostgreSQL, and the PC and mobile links,
	 * both restricted to Official Accounts and valid as long as the pre-auth code.
	 * @throws IllegalArgumentException if there is no such tenant
	 */
	public OnboardingLinks start(long tenantId) {
		return start(tenantId, null);
	}

	/**
	 * Starts onboarding for a tenant, its links restricted to one account when {@code bizAppId} is given
	 * ({@code biz_appid}: WeChat's page then offers that account only), as a re-authorization link is.
	 * @throws IllegalArgumentException if there is no such tenant
	 */
	public OnboardingLinks start(long tenantId, String bizAppId) {
		if (this.tenants.findById(tenantId).isEmpty()) {
			throw new IllegalArgumentException("No tenant " + tenantId);
		}
		PreAuthCode preAuthCode = this.componentTokens.call(this.client::createPreAuthCode);
		Instant now = this.clock.instant();
		// WeChat's expires_in is authoritative; without one, the shortest lifetime its documents give.
		long lifetime = (preAuthCode.expiresInSeconds() > 0) ? preAuthCode.expiresInSeconds() : 600;
		Instant expiresAt = now.plusSeconds(lifetime);
		UUID sessionId = UUID.randomUUID();
		this.sessions.insert(sessionId, tenantId, CodeHash.of(preAuthCode.code()), expiresAt, now);
		String redirectUri = this.returnUrl + "?state="
				+ encode(this.signer.sign(new OnboardingState(tenantId, sessionId, expiresAt)));
		String query = "component_appid=" + encode(this.wechat.componentAppId()) + "&pre_auth_code="
				+ encode(preAuthCode.code()) + "&redirect_uri=" + encode(redirectUri)
				// WeChat takes one or the other: biz_appid names the account, auth_type the kinds listed.
				+ ((bizAppId != null) ? "&biz_appid=" + encode(bizAppId) : "&auth_type=" + AUTH_TYPE);
		String pcUrl = base(this.wechat.mpBaseUrl()) + "/cgi-bin/componentloginpage?" + query;
		String mobileUrl = base(this.wechat.openBaseUrl())
				+ "/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&" + query + "#wechat_redirect";
		logger.info("Onboarding session {} started for tenant {}, valid until {}", sessionId, tenantId, expiresAt);
		return new OnboardingLinks(sessionId, tenantId, pcUrl, mobileUrl, expiresAt);
	}

	/** Where a session stands; empty when there is no such session. */
	public Optional<OnboardingStatus> status(UUID sessionId) {
		return this.sessions.findById(sessionId).map((session) -> {
			if (session.isCompleted()) {
				return new OnboardingStatus(session.id(), session.tenantId(), Phase.COMPLETED,
						session.completedAppId(), session.expiresAt(), session.completedAt(), null);
			}
			if (!session.expiresAt().isAfter(this.clock.instant())) {
				return new OnboardingStatus(session.id(), session.tenantId(), Phase.EXPIRED, null,
						session.expiresAt(), null, null);
			}
			return this.claims.latestRefusal(session.id())
				.map((refused) -> new OnboardingStatus(session.id(), session.tenantId(), Phase.REFUSED,
						refused.appId(), session.expiresAt(), null, Refusal.valueOf(refused.outcome().name())))
				.orElseGet(() -> new OnboardingStatus(session.id(), session.tenantId(), Phase.PENDING, null,
						session.expiresAt(), null, null));
		});
	}

	/**
	 * The browser came back from WeChat's page with {@code state} and {@code auth_code}. Refused, with nothing
	 * changed, when the state is not Atrium's, expired, or its session already came back or was completed with
	 * another code.
	 */
	ReturnResult returned(String state, String authCode) {
		if (state == null || authCode == null || authCode.isBlank()) {
			return ReturnResult.of(Outcome.INVALID_LINK);
		}
		OnboardingState verified;
		try {
			verified = this.signer.verify(state);
		}
		catch (InvalidStateException ex) {
			logger.warn("Refused a return with an invalid state: {}", ex.getMessage());
			return ReturnResult.of(Outcome.INVALID_LINK);
		}
		if (!verified.expiresAt().isAfter(this.clock.instant())) {
			return ReturnResult.of(Outcome.EXPIRED);
		}
		Optional<OnboardingSession> found = this.sessions.findById(verified.sessionId())
			.filter((session) -> session.tenantId() == verified.tenantId());
		if (found.isEmpty()) {
			return ReturnResult.of(Outcome.INVALID_LINK);
		}
		OnboardingSession session = found.get();
		if (session.returnedAt() != null
				|| (session.completedCodeHash() != null && !session.completedCodeHash().equals(CodeHash.of(authCode)))) {
			logger.warn("Refused a replayed return for onboarding session {}", session.id());
			return ReturnResult.of(Outcome.ALREADY_USED);
		}
		Redemption redemption;
		try {
			redemption = this.redeemer.redeemForSession(session, authCode, null, RETURN_ACTOR);
		}
		catch (WeChatApiException | WeChatUnavailableException | TokenUnavailableException
				| TicketUnavailableException ex) {
			logger.warn("Could not redeem the code of onboarding session {}: {}", session.id(), ex.getMessage());
			return ReturnResult.of(Outcome.UNAVAILABLE);
		}
		return switch (redemption.outcome()) {
			case AUTHORIZED -> this.sessions.markReturned(session.id(), this.clock.instant())
					? new ReturnResult(Outcome.AUTHORIZED, redemption.account(), redemption.appId())
					: ReturnResult.of(Outcome.ALREADY_USED);
			case IN_PROGRESS -> ReturnResult.of(Outcome.IN_PROGRESS);
			case HELD_BY_ANOTHER_TENANT -> new ReturnResult(Outcome.HELD_BY_ANOTHER_TENANT, null, redemption.appId());
			case CODE_REJECTED -> ReturnResult.of(Outcome.CODE_REJECTED);
			case CODE_OF_ANOTHER_SESSION -> ReturnResult.of(Outcome.INVALID_LINK);
			case AWAITING_PUSH -> ReturnResult.of(Outcome.AWAITING_WECHAT);
			case NOT_LISTED -> new ReturnResult(Outcome.NOT_LISTED, null, redemption.appId());
		};
	}

	/**
	 * WeChat pushed {@code authorized} or {@code updateauthorized}. The push's pre-auth code finds the session and
	 * so the tenant; an {@code updateauthorized} without one updates an account Atrium holds. A code that cannot be
	 * bound to a tenant is not redeemed: reconcile lists such an authorizer as unknown to Atrium.
	 * @throws RedemptionInProgressException when another request is redeeming the code right now
	 */
	public void authorizationPushed(AuthorizationPush push) {
		String actor = "wechat:" + push.infoType();
		Optional<OnboardingSession> session = (push.preAuthCode() != null && !push.preAuthCode().isEmpty())
				? this.sessions.findByPreAuthCode(CodeHash.of(push.preAuthCode())) : Optional.empty();
		Redemption redemption;
		if (session.isPresent()) {
			redemption = this.redeemer.redeemForSession(session.get(), push.authorizationCode(),
					push.authorizerAppId(), actor);
		}
		else if (push.isUpdate() && this.accounts.findById(push.authorizerAppId())
			.filter((account) -> account.status() != AccountStatus.REVOKED)
			.isPresent()) {
			redemption = this.redeemer.redeemForHeldAccount(push.authorizerAppId(), push.authorizationCode(), actor);
		}
		else {
			logger.warn("{} push for {} carries a pre-auth code Atrium did not issue; not redeemed", push.infoType(),
					push.authorizerAppId());
			return;
		}
		switch (redemption.outcome()) {
			case IN_PROGRESS, AWAITING_PUSH -> throw new RedemptionInProgressException(push.authorizerAppId());
			case AUTHORIZED -> {
				if (!push.authorizerAppId().equals(redemption.appId())) {
					logger.warn("{} push named {} but its code authorized {}", push.infoType(), push.authorizerAppId(),
							redemption.appId());
				}
			}
			default -> logger.warn("{} push for {} not stored: {}", push.infoType(), push.authorizerAppId(),
					redemption.outcome());
		}
	}

	private static String base(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
