package io.atrium.token.component;

/**
 * No verify ticket WeChat accepts: the component token cannot be refreshed until WeChat pushes a new ticket.
 */
public class TicketUnavailableException extends RuntimeException {

	public TicketUnavailableException(String message) {
		super(message);
	}

}
