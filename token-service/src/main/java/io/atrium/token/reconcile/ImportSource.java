package io.atrium.token.reconcile;

/**
 * How an import assigns the authorizers it takes over to tenants.
 */
public sealed interface ImportSource {

	/** What the import's record says it was, e.g. {@code csv (12 lines)}. */
	String describe();

	/**
	 * An uploaded file, one {@code appid,tenant} a line; a first line {@code appid,tenant} is a header. The tenant is
	 * its name, or its numeric id.
	 */
	record Csv(String text) implements ImportSource {

		@Override
		public String describe() {
			return "csv (" + this.text.lines().count() + " lines)";
		}

		@Override
		public String toString() {
			return describe();
		}

	}

	/** Every authorizer WeChat lists that Atrium does not hold, to one tenant (its name, or its numeric id). */
	record AllUnknownTo(String tenant) implements ImportSource {

		@Override
		public String describe() {
			return "all unknown to " + this.tenant;
		}

	}

}
