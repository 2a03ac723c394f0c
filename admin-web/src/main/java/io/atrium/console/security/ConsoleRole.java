package io.atrium.console.security;

/**
 * What a console user may do. Operators see every tenant; a merchant user is bound to exactly one tenant.
 */
public enum ConsoleRole {

	/** Service-provider staff: manages tenants, users and onboarding. */
	PLATFORM_ADMIN,

	/** Service-provider staff with read-only access, e.g. support. */
	PLATFORM_VIEWER,

	/** A merchant's user: their tenant's accounts only. */
	MERCHANT;

	/** The authority Spring Security checks for this role ({@code hasRole("...")}). */
	public String authority() {
		return "ROLE_" + name();
	}

	public boolean isOperator() {
		return this != MERCHANT;
	}

}
