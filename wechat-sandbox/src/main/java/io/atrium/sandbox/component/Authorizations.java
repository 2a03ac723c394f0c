package io.atrium.sandbox.component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.atrium.sandbox.http.WeChatError;

/**
 * Which accounts have authorized the platform, with which permission sets and refresh token. Every
 * (re-)authorization issues a new refresh token; the previous one then answers 61023.
 */
public final class Authorizations {

	private final Clock clock;

	private final Map<String, Authorization> current = new HashMap<>();

	private long generations;

	public Authorizations(Clock clock) {
		this.clock = clock;
	}

	/** Authorizes (or re-authorizes) an account with these sets. */
	public synchronized Grant authorize(String appid, Collection<Integer> permissionSets) {
		Authorization previous = this.current.get(appid);
		Authorization next = new Authorization(appid, new ArrayList<>(new TreeSet<>(permissionSets)),
				newRefreshToken(), this.clock.millis() / 1000, ++this.generations);
		this.current.put(appid, next);
		return new Grant(next, previous != null);
	}

	public synchronized Optional<Authorization> revoke(String appid) {
		return Optional.ofNullable(this.current.remove(appid));
	}

	public synchronized Optional<Authorization> find(String appid) {
		return Optional.ofNullable(this.current.get(appid));
	}

	/** Authorized accounts in authorization order. */
	public synchronized List<Authorization> list() {
		List<Authorization> all = new ArrayList<>(this.current.values());
		all.sort(Comparator.comparingLong(Authorization::generation));
		return all;
	}

	/**
	 * What api_authorizer_token does with a refresh token, in one step: compares it with the account's current one
	 * and, with {@code rotate}, replaces it, so that of two calls presenting the same token only one succeeds. Throws
	 * 61003 when the account has not authorized the platform (never, or revoked) and 61023 when the token is not its
	 * current one.
	 * @return the authorization, with its new refresh token when rotated
	 */
	public synchronized Authorization refresh(String appid, String refreshToken, boolean rotate) {
		Authorization authorization = (appid != null) ? this.current.get(appid) : null;
		if (authorization == null) {
			throw WeChatError.COMPONENT_NOT_AUTHORIZED.exception();
		}
		if (refreshToken == null || !refreshToken.equals(authorization.refreshToken())) {
			throw WeChatError.REFRESH_TOKEN_INVALID.exception();
		}
		if (!rotate) {
			return authorization;
		}
		Authorization rotated = authorization.withRefreshToken(newRefreshToken());
		this.current.put(appid, rotated);
		return rotated;
	}

	public synchronized void reset() {
		this.current.clear();
	}

	private static String newRefreshToken() {
		return OpaqueValues.prefixed("refreshtoken@@@", 43);
	}

	/** The new authorization and whether it replaced one (updateauthorized rather than authorized). */
	public record Grant(Authorization authorization, boolean reauthorization) {
	}

}
