package io.atrium.sandbox.release;

/**
 * One of WeChat's 全网发布 test accounts.
 *
 * @param group the test resource group (1 to 5) it belongs to
 * @param appid its appid
 * @param userName its original id ({@code gh_…}), the {@code ToUserName} of its messages
 * @param kind Official Account or Mini Program
 * @param openid the test user who writes to it
 */
public record TestAccount(int group, String appid, String userName, Kind kind, String openid) {

	/** The event the test sends: any event must be answered {@code <Event>from_callback}. */
	public String testEvent() {
		return (this.kind == Kind.OFFICIAL_ACCOUNT) ? "subscribe" : "user_enter_tempsession";
	}

	public enum Kind {

		OFFICIAL_ACCOUNT("official_account"),

		MINI_PROGRAM("mini_program");

		private final String wire;

		Kind(String wire) {
			this.wire = wire;
		}

		public String wire() {
			return this.wire;
		}

	}

}
