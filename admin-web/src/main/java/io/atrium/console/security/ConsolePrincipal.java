package io.atrium.console.security;

import java.io.Serial;
import java.time.Instant;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The logged-in console user. A {@link User}, so it is serializable into the Redis session that every instance
 * reads, and its password is erased once authentication is done.
 */
public class ConsolePrincipal extends User {

	@Serial
	private static final long serialVersionUID = 2L;

	private final ConsoleRole role;

	private final Long tenantId;

	private final Instant credentialsChangedAt;

	ConsolePrincipal(String username, String passwordHash, boolean enabled, ConsoleRole role, Long tenantId,
			Instant credentialsChangedAt) {
		super(username, passwordHash, enabled, true, true, true, List.of(new SimpleGrantedAuthority(role.authority())));
		this.role = role;
		this.tenantId = tenantId;
		this.credentialsChangedAt = credentialsChangedAt;
	}

	/** When the password this principal was checked against was set (read with it, in the same row). */
	Instant credentialsChangedAt() {
		return this.credentialsChangedAt;
	}

	public ConsoleRole role() {
		return this.role;
	}

	/** The merchant's tenant; null for operators. */
	public Long tenantId() {
		return this.tenantId;
	}

	public boolean isOperator() {
		return this.role.isOperator();
	}

	public boolean isAdmin() {
		return this.role == ConsoleRole.PLATFORM_ADMIN;
	}

}
