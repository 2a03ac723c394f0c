package io.atrium.token.callback;

import java.util.Optional;

import io.atrium.account.AccountAuthorizations;
import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.component.ComponentTokenManager;
import io.atrium.token.onboarding.AuthorizationPush;
import io.atrium.token.onboarding.OnboardingService;
import io.atrium.token.ticket.VerifyTicketStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Acts on a genuine push by its {@code InfoType}. Logs name the type and the authorizer, never a ticket or code.
 */
@Component
class ComponentEventHandler {

	private static final Logger logger = LoggerFactory.getLogger(ComponentEventHandler.class);

	static final String UNAUTHORIZED_ACTOR = "wechat:unauthorized";

	private final VerifyTicketStore tickets;

	private final ComponentTokenManager componentTokens;

	private final OnboardingService onboarding;

	private final OfficialAccountRepository accounts;

	private final AccountAuthorizations authorizations;

	private final AuthorizerTokenManager authorizerTokens;

	ComponentEventHandler(VerifyTicketStore tickets, ComponentTokenManager componentTokens,
			OnboardingService onboarding, OfficialAccountRepository accounts, AccountAuthorizations authorizations,
			AuthorizerTokenManager authorizerTokens) {
		this.tickets = tickets;
		this.componentTokens = componentTokens;
		this.onboarding = onboarding;
		this.accounts = accounts;
		this.authorizations = authorizations;
		this.authorizerTokens = authorizerTokens;
	}

	void handle(ComponentEvent event) {
		switch (event.infoType()) {
			case "component_verify_ticket" -> ticket(event);
			case "authorized", "updateauthorized" -> authorization(event);
			case "unauthorized" -> unauthorized(event);
			// Mini Program registration and filing events arrive on the same URL; Atrium serves Official Accounts.
			default -> logger.info("Ignored a {} push", event.infoType());
		}
	}

	private void ticket(ComponentEvent event) {
		if (!this.tickets.save(event.require("ComponentVerifyTicket"), event.createTime())) {
			logger.info("Ignored a verify ticket created at {}: a newer one is stored", event.createTime());
			return;
		}
		logger.debug("Stored the verify ticket created at {}", event.createTime());
		this.componentTokens.ticketArrived();
	}

	private void authorization(ComponentEvent event) {
		this.onboarding.authorizationPushed(new AuthorizationPush(event.infoType(), event.require("AuthorizerAppid"),
				event.require("AuthorizationCode"), event.get("PreAuthCode")));
	}

	private void unauthorized(ComponentEvent event) {
		String appId = event.require("AuthorizerAppid");
		Optional<OfficialAccount> account = this.accounts.findById(appId);
		if (account.isPresent() && account.get().status() != AccountStatus.REVOKED) {
			this.authorizations.revoke(appId, UNAUTHORIZED_ACTOR);
			logger.info("{} cancelled its authorization: revoked, refresh token purged", appId);
		}
		else {
			// A retry of a handled push, or an account Atrium never held: nothing to revoke, nothing to audit.
			logger.info("unauthorized push for {}, which Atrium does not hold as authorized", appId);
		}
		this.authorizerTokens.evict(appId);
	}

}
