package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atrium.sandbox.http.WeChatError;

/** Authorization codes: single use; a used or unknown one answers 61009, an expired one 61010. */
public final class AuthCodes {

	private static final int KEPT = 100_000;

	private final Clock clock;

	private final Duration lifetime;

	private final Map<String, AuthCode> codes = new LinkedHashMap<>();

	private final Set<String> used = new HashSet<>();

	public AuthCodes(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	public synchronized AuthCode issue(Authorization authorization) {
		long expiresAt = this.clock.millis() / 1000 + this.lifetime.toSeconds();
		AuthCode code = new AuthCode(OpaqueValues.prefixed("queryauthcode@@@", 86), authorization.appid(),
				authorization.generation(), expiresAt, this.lifetime.toSeconds());
		this.codes.put(code.code(), code);
		if (this.codes.size() > KEPT) {
			String oldest = this.codes.keySet().iterator().next();
			this.codes.remove(oldest);
			this.used.remove(oldest);
		}
		return code;
	}

	/** The account a code was issued for, used or not. */
	public synchronized Optional<String> appidOf(String code) {
		AuthCode found = (code != null) ? this.codes.get(code) : null;
		return (found != null) ? Optional.of(found.appid()) : Optional.empty();
	}

	/** Spends a code; throws 61009 (unknown or used) or 61010 (expired). */
	public synchronized AuthCode redeem(String code) {
		AuthCode found = (code != null) ? this.codes.get(code) : null;
		if (found == null || this.used.contains(code)) {
			throw WeChatError.CODE_INVALID.exception();
		}
		if (this.clock.millis() / 1000 >= found.expiresAt()) {
			throw WeChatError.CODE_EXPIRED.exception();
		}
		this.used.add(code);
		return found;
	}

	public synchronized void reset() {
		this.codes.clear();
		this.used.clear();
	}

}
