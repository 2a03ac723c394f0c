package io.atrium.console.security;

import java.util.Locale;

import io.atrium.console.security.ConsoleProperties.InitialAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;

/**
 * Creates the first administrator from configuration when there is none. There is no default password: without
 * configuration the console starts with nobody able to log in, and the log says how to fix that.
 */
class InitialAdminRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(InitialAdminRunner.class);

	private final ConsoleUsers users;

	private final InitialAdmin initialAdmin;

	private final MessageSource messages;

	InitialAdminRunner(ConsoleUsers users, InitialAdmin initialAdmin, MessageSource messages) {
		this.users = users;
		this.initialAdmin = initialAdmin;
		this.messages = messages;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.adminExists()) {
			return;
		}
		if (this.initialAdmin == null || !this.initialAdmin.isConfigured()) {
			logger.warn("No console administrator exists and none is configured: nobody can log in to the console. "
					+ "Set ATRIUM_CONSOLE_INITIAL_ADMIN_USERNAME and ATRIUM_CONSOLE_INITIAL_ADMIN_PASSWORD "
					+ "(at least {} characters, hard to guess) and restart; they are read once, when no administrator "
					+ "exists.",
					ConsoleUsers.MIN_PASSWORD_LENGTH);
			return;
		}
		if (this.users.exists(this.initialAdmin.username())) {
			// An operator demoted or disabled the named user; do not resurrect it behind their back.
			logger.warn("No enabled console administrator exists; the configured initial administrator's name is "
					+ "taken by another user, so none was created");
			return;
		}
		try {
			this.users.create(this.initialAdmin.username(), this.initialAdmin.password(), ConsoleRole.PLATFORM_ADMIN,
					null);
			logger.info("Created the initial console administrator '{}'", this.initialAdmin.username());
		}
		catch (DuplicateKeyException ex) {
			// Another instance starting at the same moment created it.
		}
		catch (ConsoleUserRefusal ex) {
			// Refuse to start rather than create an administrator anyone could guess: the operator is at the
			// configuration right now and can choose another. The reasons in English, never the password.
			throw new IllegalStateException("atrium.console.initial-admin is refused: " + explain(ex)
					+ " A username has 3-64 letters, digits or ._@-; a password has at least "
					+ ConsoleUsers.MIN_PASSWORD_LENGTH + " characters, at most 72 bytes, and is hard to guess "
					+ "(for example four or five unrelated words).", null);
		}
	}

	private String explain(ConsoleUserRefusal refusal) {
		StringBuilder text = new StringBuilder(message(refusal.messageKey()));
		refusal.hints().forEach((hint) -> text.append(' ').append(message(hint)));
		return text.toString();
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, key, Locale.ENGLISH);
	}

}
