package io.atrium.sandbox.component;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.sandbox.support.Redaction;

/** Pre-auth codes: issued by api_create_preauthcode, each good for one authorization before it expires. */
public final class PreAuthCodes {

	private static final int KEPT = 100_000;

	private final Clock clock;

	private final Duration lifetime;

	private final Map<String, Code> codes = new LinkedHashMap<>();

	public PreAuthCodes(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	public synchronized Issued issue() {
		String code = OpaqueValues.prefixed("preauthcode@@@", 64);
		this.codes.put(code, new Code(this.clock.millis() + this.lifetime.toMillis()));
		if (this.codes.size() > KEPT) {
			this.codes.remove(this.codes.keySet().iterator().next());
		}
		return new Issued(code, this.lifetime.toSeconds());
	}

	public synchronized CodeState state(String code) {
		Code found = (code != null) ? this.codes.get(code) : null;
		if (found == null) {
			return CodeState.UNKNOWN;
		}
		if (found.used) {
			return CodeState.USED;
		}
		return (this.clock.millis() >= found.expiresAt) ? CodeState.EXPIRED : CodeState.VALID;
	}

	/** Uses a code up; answers its state before, so only {@link CodeState#VALID} means it was spent now. */
	public synchronized CodeState consume(String code) {
		CodeState state = state(code);
		if (state == CodeState.VALID) {
			this.codes.get(code).used = true;
		}
		return state;
	}

	public synchronized void reset() {
		this.codes.clear();
	}

	public record Issued(String code, long expiresIn) {

		/** The code stays out of logs. */
		@Override
		public String toString() {
			return "Issued[code=" + Redaction.mask(this.code) + ", expiresIn=" + this.expiresIn + "]";
		}

	}

	private static final class Code {

		private final long expiresAt;

		private boolean used;

		Code(long expiresAt) {
			this.expiresAt = expiresAt;
		}

	}

}
