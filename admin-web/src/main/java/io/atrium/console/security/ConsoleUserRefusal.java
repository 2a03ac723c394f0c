package io.atrium.console.security;

import java.io.Serial;
import java.util.List;

/**
 * A change to console users that was refused and changed nothing. Its message is the problem's message key after
 * {@code user.error.}; {@link #hints()} are further message keys that say how to do better (the password
 * estimator's feedback). Controllers show exactly these, and only these: any other exception is a bug, not a
 * message for the user (a library's own {@link IllegalArgumentException} text once reached the page as a key).
 */
public class ConsoleUserRefusal extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final List<String> hints;

	public ConsoleUserRefusal(String problem) {
		this(problem, List.of());
	}

	public ConsoleUserRefusal(String problem, List<String> hints) {
		super(problem);
		this.hints = List.copyOf(hints);
	}

	/** The message key of the problem, e.g. {@code user.error.password.weak}. */
	public String messageKey() {
		return "user.error." + getMessage();
	}

	/** Message keys of what would make the value acceptable; often empty. */
	public List<String> hints() {
		return this.hints;
	}

}
