package io.atrium.console.security;

/**
 * A new password as a form sends it: typed twice, so that a slip of the finger does not lock anyone out of an
 * account whose password nobody knows.
 *
 * @param value the password
 * @param confirmation the same typed again; null when the form did not send it
 */
public record NewPassword(String value, String confirmation) {

	/**
	 * The password, if both fields agree.
	 * @throws ConsoleUserRefusal {@code password.mismatch} otherwise (nothing is changed)
	 */
	public String confirmed() {
		if (this.value == null || !this.value.equals(this.confirmation)) {
			throw new ConsoleUserRefusal("password.mismatch");
		}
		return this.value;
	}

	@Override
	public String toString() {
		return "NewPassword[******]";
	}

}
