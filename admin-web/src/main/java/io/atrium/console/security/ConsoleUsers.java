package io.atrium.console.security;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.atrium.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates, lists, disables and re-enables console users and sets their passwords. Passwords go through the
 * delegating encoder (bcrypt today); a plain password never leaves these methods' stacks and is never logged.
 * A refusal is a {@link ConsoleUserRefusal} whose message is the problem's message key (after
 * {@code user.error.}), and changes nothing. Every password set here passes {@link PasswordPolicy}.
 */
@Service
public class ConsoleUsers {

	/** Besides being hard to guess ({@link PasswordPolicy}); no composition rules (NIST 800-63B). */
	static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

	private static final Logger logger = LoggerFactory.getLogger(ConsoleUsers.class);

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

	private final ConsoleUserRepository users;

	private final TenantRepository tenants;

	private final PasswordEncoder passwordEncoder;

	private final TransactionOperations transactions;

	private final PasswordPolicy passwordPolicy;

	private final Clock clock;

	ConsoleUsers(ConsoleUserRepository users, TenantRepository tenants, PasswordEncoder passwordEncoder,
			PasswordPolicy passwordPolicy, TransactionOperations transactions, Clock clock) {
		this.passwordPolicy = passwordPolicy;
		this.transactions = transactions;
		this.users = users;
		this.tenants = tenants;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates a user.
	 * @param tenantId required for {@link ConsoleRole#MERCHANT}, null for operators
	 * @throws ConsoleUserRefusal if the username is malformed or taken, the password refused by
	 * {@link PasswordPolicy}, or the tenant does not fit the role
	 */
	public ConsoleUser create(String username, String password, ConsoleRole role, Long tenantId) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new ConsoleUserRefusal("username");
		}
		this.passwordPolicy.check(username, password);
		if ((role == ConsoleRole.MERCHANT) != (tenantId != null)
				|| (tenantId != null && this.tenants.findById(tenantId).isEmpty())) {
			throw new ConsoleUserRefusal("tenant");
		}
		if (this.users.existsByUsername(username)) {
			throw new ConsoleUserRefusal("username.taken");
		}
		try {
			return this.users.insert(username, this.passwordEncoder.encode(password), role, tenantId, now());
		}
		catch (DuplicateKeyException ex) {
			// Another administrator created the same name a moment ago.
			throw new ConsoleUserRefusal("username.taken");
		}
	}

	/**
	 * Creates a user on an administrator's behalf, logged as the administrator's action.
	 * @see #create(String, String, ConsoleRole, Long)
	 */
	public ConsoleUser create(String actor, String username, String password, ConsoleRole role, Long tenantId) {
		ConsoleUser user = create(username, password, role, tenantId);
		log(actor, "create-" + role.name().toLowerCase(Locale.ROOT), user.username());
		return user;
	}

	/** Every user, operators first, with the tenant's name for merchants. */
	public List<ConsoleUserListing> all() {
		return this.users.findAllWithTenant();
	}

	/**
	 * Disables a user: they cannot log in, and their sessions end on their next request.
	 * @throws ConsoleUserRefusal {@code self} if it is the actor, {@code last-admin} if it is the last enabled
	 * administrator, {@code unknown} if there is no such user
	 */
	public void disable(String actor, long id) {
		ConsoleUser user = this.transactions.execute((status) -> {
			List<Long> enabledAdmins = this.users.lockEnabledAdmins();
			ConsoleUser found = find(id);
			if (found.username().equalsIgnoreCase(actor)) {
				throw new ConsoleUserRefusal("self");
			}
			if (enabledAdmins.contains(id) && enabledAdmins.size() == 1) {
				throw new ConsoleUserRefusal("last-admin");
			}
			this.users.updateEnabled(id, false, now());
			return found;
		});
		log(actor, "disable", user.username());
	}

	/** Enables a disabled user again; the sessions they had before stay ended. */
	public void enable(String actor, long id) {
		ConsoleUser user = find(id);
		this.users.updateEnabled(id, true, now());
		log(actor, "enable", user.username());
	}

	/**
	 * Sets a user's password for them (they forgot it); their sessions end on their next request.
	 * @throws ConsoleUserRefusal {@code password...} if {@link PasswordPolicy} refuses it, {@code unknown} if there
	 * is no such user
	 */
	public void resetPassword(String actor, long id, String newPassword) {
		ConsoleUser user = find(id);
		if (user.username().equalsIgnoreCase(actor)) {
			// Without the current password a stolen session could take the account over: /me/password asks for it.
			throw new ConsoleUserRefusal("self-reset");
		}
		this.passwordPolicy.check(user.username(), newPassword);
		this.users.updatePassword(id, this.passwordEncoder.encode(newPassword), now());
		log(actor, "reset-password", user.username());
	}

	/**
	 * Changes a user's own password, given the current one.
	 * @return when it changed: the session that changed it is renewed to this time and stays logged in
	 * @throws ConsoleUserRefusal {@code current-password} if the current password is wrong, {@code password...} if
	 * {@link PasswordPolicy} refuses the new one
	 */
	public Instant changeOwnPassword(String username, String currentPassword, String newPassword) {
		String hash = this.users.findPasswordHash(username).orElseThrow(() -> new ConsoleUserRefusal("unknown"));
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, hash)) {
			throw new ConsoleUserRefusal("current-password");
		}
		ConsoleUser user = this.users.findByUsername(username).orElseThrow(() -> new ConsoleUserRefusal("unknown"));
		this.passwordPolicy.check(user.username(), newPassword);
		Instant now = now();
		this.users.updatePassword(user.id(), this.passwordEncoder.encode(newPassword), now);
		log(username, "change-own-password", user.username());
		return now;
	}

	/** Microseconds, as PostgreSQL stores them (it rounds), so that a session renewed to it is not "before" it. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private ConsoleUser find(long id) {
		return this.users.findById(id).orElseThrow(() -> new ConsoleUserRefusal("unknown"));
	}

	private static void log(String actor, String action, String target) {
		logger.info("Console user action: actor={} action={} target={}", actor, action, target);
	}

	public List<ConsoleUser> ofTenant(long tenantId) {
		return this.users.findByTenant(tenantId);
	}

	public boolean exists(String username) {
		return this.users.existsByUsername(username);
	}

	boolean adminExists() {
		return this.users.existsWithRole(ConsoleRole.PLATFORM_ADMIN);
	}

}
