package io.atrium.console.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Console users for Spring Security's form login.
 */
class ConsoleUserDetailsService implements UserDetailsService {

	private final ConsoleUserRepository users;

	ConsoleUserDetailsService(ConsoleUserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.users.findPrincipal(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

}
