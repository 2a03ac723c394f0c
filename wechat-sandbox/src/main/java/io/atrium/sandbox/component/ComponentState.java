package io.atrium.sandbox.component;

import java.time.Clock;

import io.atrium.sandbox.SandboxSettings;

/** The component side's state: tickets, tokens, codes and authorizations. */
public record ComponentState(Tickets tickets, AccessTokens componentTokens, AccessTokens authorizerTokens,
		PreAuthCodes preAuthCodes, AuthCodes authCodes, Authorizations authorizations) {

	public static ComponentState create(Clock clock, SandboxSettings settings) {
		return new ComponentState(new Tickets(clock, settings.ticketLifetime()),
				new AccessTokens(clock, settings.tokenLifetime(), settings.supersededTokenGrace(), 86),
				new AccessTokens(clock, settings.tokenLifetime(), settings.supersededTokenGrace(), 107),
				new PreAuthCodes(clock, settings.preAuthCodeLifetime()),
				new AuthCodes(clock, settings.authCodeLifetime()), new Authorizations(clock));
	}

	public void reset() {
		this.tickets.reset();
		this.componentTokens.reset();
		this.authorizerTokens.reset();
		this.preAuthCodes.reset();
		this.authCodes.reset();
		this.authorizations.reset();
	}

}
