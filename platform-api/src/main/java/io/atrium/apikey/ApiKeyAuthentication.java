package io.atrium.apikey;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A bearer key before it is checked (secret only) or after (the key and its scope as principal). The secret is
 * erased once checked and never part of {@code toString}.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private String secret;

	private final ApiKey key;

	private ApiKeyAuthentication(String secret, ApiKey key) {
		super((key != null) ? authorities(key) : List.of());
		this.secret = secret;
		this.key = key;
		setAuthenticated(key != null);
	}

	private static List<GrantedAuthority> authorities(ApiKey key) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(key.tenantId() != null ? "ROLE_API_TENANT" : "ROLE_API_PLATFORM"));
		key.grant().scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
		return authorities;
	}

	static ApiKeyAuthentication unchecked(String secret) {
		return new ApiKeyAuthentication(secret, null);
	}

	static ApiKeyAuthentication checked(ApiKey key) {
		return new ApiKeyAuthentication(null, key);
	}

	/** The checked key, or null before it was checked. */
	ApiKey key() {
		return this.key;
	}

	String secret() {
		return this.secret;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	/** The caller's scope: what {@code @AuthenticationPrincipal TenantScope} receives. */
	@Override
	public Object getPrincipal() {
		return (this.key != null) ? this.key.scope() : null;
	}

	@Override
	public String getName() {
		return (this.key != null) ? "api-key:" + this.key.id() : "api-key";
	}


	@Override
	public void eraseCredentials() {
		this.secret = null;
	}

	@Override
	public String toString() {
		return "ApiKeyAuthentication[" + getName() + ", authenticated=" + isAuthenticated() + "]";
	}

}
