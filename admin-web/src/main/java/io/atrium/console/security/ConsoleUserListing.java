package io.atrium.console.security;

/**
 * A console user on the users page: the user, and for a merchant the tenant's name.
 */
public record ConsoleUserListing(ConsoleUser user, String tenantName) {
}
