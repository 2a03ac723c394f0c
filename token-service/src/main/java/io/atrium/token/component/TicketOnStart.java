package io.atrium.token.component;

import io.atrium.token.ticket.VerifyTicketStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * An instance that starts without a valid verify ticket asks WeChat to push one ({@code api_start_push_ticket})
 * instead of reporting WARNING until the next push, up to 10 minutes later (or never, when WeChat had stopped
 * pushing). Instances starting together ask once: the ask shares the one-a-minute limit of the refreshes that find
 * no ticket. The push arrives at the auth-event URL like any other. {@code atrium.tokens.ask-ticket-on-start=false}
 * turns it off (tests that start with WeChat's real addresses, so that they never call WeChat).
 */
@Component
@ConditionalOnBooleanProperty(name = "atrium.tokens.ask-ticket-on-start", matchIfMissing = true)
class TicketOnStart {

	private static final Logger logger = LoggerFactory.getLogger(TicketOnStart.class);

	private final VerifyTicketStore tickets;

	private final ComponentTokenManager componentTokens;

	TicketOnStart(VerifyTicketStore tickets, ComponentTokenManager componentTokens) {
		this.tickets = tickets;
		this.componentTokens = componentTokens;
	}

	@EventListener(ApplicationReadyEvent.class)
	void askIfMissing() {
		try {
			if (this.tickets.current().isPresent()) {
				return;
			}
			// Logged where WeChat is asked.
			if (!this.componentTokens.askForTicketPush("no valid verify ticket at start-up")) {
				logger.info("Started without a valid verify ticket: another instance asked WeChat for one within the "
						+ "last minute");
			}
		}
		catch (DataAccessException ex) {
			// Start-up goes on: the first refresh that needs the ticket asks again.
			logger.warn("Could not check the verify ticket at start-up ({})", ex.getClass().getSimpleName());
		}
	}

}
