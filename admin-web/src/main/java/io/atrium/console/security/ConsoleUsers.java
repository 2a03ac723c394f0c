package io.atrium.console.security;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import io.atrium.tenant.TenantRepository;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates and lists console users. Passwords go through the delegating encoder (bcrypt today); the plain
 * password never leaves this method's stack.
 */
@Service
public class ConsoleUsers {

	/** Long enough to resist guessing within the login throttle's budget; no composition rules (NIST 800-63B). */
	static final int MIN_PASSWORD_LENGTH = 12;

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

	private final ConsoleUserRepository users;

	private final TenantRepository tenants;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	ConsoleUsers(ConsoleUserRepository users, TenantRepository tenants, PasswordEncoder passwordEncoder, Clock clock) {
		this.users = users;
		this.tenants = tenants;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates a user.
	 * @param tenantId required for {@link ConsoleRole#MERCHANT}, null for operators
	 * @throws IllegalArgumentException if the username is malformed or taken, the password too short, or the tenant
	 * does not fit the role
	 */
	public ConsoleUser create(String username, String password, ConsoleRole role, Long tenantId) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("username");
		}
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException("password");
		}
		if ((role == ConsoleRole.MERCHANT) != (tenantId != null)
				|| (tenantId != null && this.tenants.findById(tenantId).isEmpty())) {
			throw new IllegalArgumentException("tenant");
		}
		if (this.users.existsByUsername(username)) {
			throw new IllegalArgumentException("username.taken");
		}
		return this.users.insert(username, this.passwordEncoder.encode(password), role, tenantId,
				this.clock.instant());
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
